package index_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/index"
)

// fixture copies testdata/targets to a temporary folder and adds what git
// would not keep: folders the index must skip, each building the docs stage.
func fixture(t testing.TB) string {
	t.Helper()
	src := filepath.Join("..", "..", "..", "testdata", "targets")
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"node_modules/pkg", "build-output", ".git/hooks", "vendor/x"} {
		write(t, filepath.Join(dst, dir, "Makefile"), "all:\n\tdocker build --target docs .\n")
	}
	return dst
}

func write(t testing.TB, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func scan(t *testing.T, root string, opts index.Options) *index.Index {
	t.Helper()
	x := index.New(opts)
	if err := x.Scan(context.Background(), root); err != nil {
		t.Fatal(err)
	}
	return x
}

// unusedStage runs the rules with the workspace's targets and keeps
// UnusedStage, the rule this fixture is about.
func unusedStage(targeted map[string][]string) func(*syntax.File) []analysis.Diagnostic {
	return func(f *syntax.File) []analysis.Diagnostic {
		var out []analysis.Diagnostic
		for _, d := range check.Run(context.Background(), f, check.Config{DisableBuildKit: true, Targeted: targeted}) {
			if d.Rule == "UnusedStage" {
				out = append(out, d)
			}
		}
		return out
	}
}

// TestWorkspaceUnusedStage checks the fixtures of testdata/targets: a stage
// that only Compose, Bake, a workflow, a Makefile or a script builds is not
// unused; one that only skipped folders build is.
func TestWorkspaceUnusedStage(t *testing.T) {
	root := fixture(t)
	x := scan(t, root, index.Options{})
	for _, name := range []string{"Dockerfile", "api/Dockerfile.api", "web/Dockerfile"} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(root, filepath.FromSlash(name))
			text, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			wants, err := analysistest.ParseWants(string(text))
			if err != nil {
				t.Fatal(err)
			}
			f := syntax.Parse(string(text))
			analysistest.Check(t, name, f, wants, unusedStage(x.Targeted(context.Background(), nil, p))(f))
		})
	}
}

func TestWorkspaceWhere(t *testing.T) {
	root := fixture(t)
	x := scan(t, root, index.Options{})
	got := x.Targeted(context.Background(), nil, filepath.Join(root, "Dockerfile"))
	want := map[string][]string{
		"test":        {".github/workflows/ci.yml:12 (docker/build-push-action)"},
		"lint":        {"Makefile:3 (docker build)"},
		"dev":         {`compose.yaml:5 (service "app")`},
		"debug":       {`docker-bake.hcl:7 (Bake target "debug")`},
		"integration": {"scripts/ci.sh:4 (docker build)"},
	}
	if len(got) != len(want) {
		t.Errorf("targeted %v, want %v", got, want)
	}
	for stage, where := range want {
		if !slices.Equal(got[stage], where) {
			t.Errorf("%s: %q, want %q", stage, got[stage], where)
		}
	}
	api := x.Targeted(context.Background(), nil, filepath.Join(root, "api", "Dockerfile.api"))
	for _, stage := range []string{"serve", "check", "smoke"} {
		if len(api[stage]) != 1 {
			t.Errorf("api %s: %v", stage, api[stage])
		}
	}
	if _, ok := api["docs"]; ok {
		t.Error("the api Dockerfile's docs is targeted from nowhere")
	}
	// Before any scan, the workspace is unknown.
	if index.New(index.Options{}).Targeted(context.Background(), nil, filepath.Join(root, "Dockerfile")) != nil {
		t.Error("an unscanned index claims to know the workspace")
	}
}

// Without the workspace, every stage the final one does not need is
// reported: the fixture is only clean thanks to the index.
func TestWorkspaceUnknown(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "targets", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range unusedStage(nil)(syntax.Parse(string(text))) {
		names = append(names, strings.Split(d.Message, `"`)[1])
	}
	if got := strings.Join(names, " "); got != "test tools lint dev debug integration docs" {
		t.Errorf("reported %s", got)
	}
}

func TestIndexUpdates(t *testing.T) {
	root := fixture(t)
	x := scan(t, root, index.Options{})
	df := filepath.Join(root, "Dockerfile")

	// Unsaved text from the editor wins over the disk's.
	compose := filepath.Join(root, "compose.yaml")
	if !x.Update(compose, "services:\n  app:\n    build:\n      target: docs\n") {
		t.Fatal("Update changed nothing")
	}
	if got := x.Targeted(context.Background(), nil, df); got["docs"] == nil || got["dev"] != nil {
		t.Errorf("after Update: %v", got)
	}
	// A rescan keeps the editor's text.
	if err := x.Scan(context.Background(), root); err != nil {
		t.Fatal(err)
	}
	if got := x.Targeted(context.Background(), nil, df); got["docs"] == nil {
		t.Errorf("after a rescan: %v", got)
	}
	if x.Update(compose, "services:\n  app:\n    build:\n      target: docs\n") {
		t.Error("the same text changed something")
	}
	// Closed: back to the disk.
	if !x.Close(compose) {
		t.Error("Close changed nothing")
	}
	if got := x.Targeted(context.Background(), nil, df); got["docs"] != nil || got["dev"] == nil {
		t.Errorf("after Close: %v", got)
	}

	// A new file on the disk.
	script := filepath.Join(root, "scripts", "docs.sh")
	write(t, script, "docker build --target docs .\n")
	if !x.Refresh(script) {
		t.Error("Refresh of a new file changed nothing")
	}
	if got := x.Targeted(context.Background(), nil, df)["docs"]; len(got) != 1 || got[0] != "scripts/docs.sh:1 (docker build)" {
		t.Errorf("after Refresh: %v", got)
	}
	// Deleted.
	os.Remove(script)
	if !x.Refresh(script) || x.Targeted(context.Background(), nil, df)["docs"] != nil {
		t.Error("a deleted file still counts")
	}
	// Files the index skips stay skipped.
	for _, p := range []string{filepath.Join(root, "node_modules", "x", "build.sh"), filepath.Join(root, "build-output", "b.sh"), filepath.Join(root, "README.md")} {
		write(t, p, "docker build --target docs .\n")
		if x.Refresh(p) || x.Update(p, "docker build --target docs .\n") {
			t.Errorf("%s was indexed", p)
		}
	}
}

func TestIndexLimits(t *testing.T) {
	root := t.TempDir()
	for i := range 30 {
		write(t, filepath.Join(root, "d"+string(rune('a'+i%26))+strings.Repeat("x", i/26), "build.sh"), "docker build --target t .\n")
	}
	write(t, filepath.Join(root, "big", "build.sh"), "docker build --target big .\n"+strings.Repeat("#\n", 2000))
	x := scan(t, root, index.Options{MaxFiles: 10, MaxFileSize: 1000})
	if !x.Truncated() || x.Files() > 10 {
		t.Errorf("files %d truncated %v", x.Files(), x.Truncated())
	}
	x = scan(t, root, index.Options{MaxFileSize: 1000})
	if x.Truncated() || x.Files() != 30 {
		t.Errorf("files %d truncated %v", x.Files(), x.Truncated())
	}
	deep := root + strings.Repeat("/d", 30)
	write(t, filepath.Join(deep, "build.sh"), "docker build --target deep .\n")
	x = scan(t, root, index.Options{MaxDepth: 5})
	if x.Files() != 31 {
		t.Errorf("a deep file was indexed: %d", x.Files())
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := index.New(index.Options{}).Scan(ctx, root); err == nil {
		t.Error("a cancelled scan succeeded")
	}
}
