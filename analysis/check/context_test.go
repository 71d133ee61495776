//go:build unix

package check_test

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// contextExtras adds to a copied fixture context what git cannot hold or
// should not: a .git folder, node_modules (ignored by the repository), a
// FIFO, and symlinks, one of them out of the context.
var contextExtras = map[string]func(t *testing.T, dir string){
	"tree": func(t *testing.T, dir string) {
		if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o600); err != nil {
			t.Fatal(err)
		}
		outside := filepath.Join(filepath.Dir(dir), "outside-target")
		writeFiles(t, outside, map[string]string{"hostname": "host\n"})
		symlink(t, outside, filepath.Join(dir, "outside"))
		symlink(t, "app", filepath.Join(dir, "applink"))
	},
	"leaky": func(t *testing.T, dir string) {
		writeFiles(t, dir, map[string]string{
			".git/HEAD":                      "ref: refs/heads/main\n",
			".git/config":                    "[core]\n\tbare = false\n",
			"node_modules/left-pad/index.js": "module.exports = () => {}\n",
		})
	},
	"tidy": func(t *testing.T, dir string) {
		writeFiles(t, dir, map[string]string{
			".git/HEAD":                      "ref: refs/heads/main\n",
			"node_modules/left-pad/index.js": "module.exports = () => {}\n",
			"src/node_modules/x/index.js":    "module.exports = 1\n",
		})
	},
}

// TestContextFixtures runs every analyzer over the fixtures of each context
// folder under testdata/context, with the folder (copied, plus its extras)
// as the build context.
func TestContextFixtures(t *testing.T) {
	cases, err := os.ReadDir("../../testdata/context")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			dir := copyContext(t, c.Name())
			analysistest.RunFiles(t, dir, func(path string, f *syntax.File) []analysis.Diagnostic {
				bc := loadContext(t, dir, path)
				return check.Run(context.Background(), f, check.Config{BuildContext: bc})
			})
		})
	}
}

// TestIgnoreFixSilencesRules applies the .dockerignore fix of each context
// finding and checks that the context, walked again, gives none.
func TestIgnoreFixSilencesRules(t *testing.T) {
	for _, name := range []string{"single.Dockerfile", "multi.Dockerfile", "api.Dockerfile"} {
		t.Run(name, func(t *testing.T) {
			dir := copyContext(t, "leaky")
			path := filepath.Join(dir, name)
			f := syntax.Parse(readFile(t, path))
			fixed := 0
			for pass := 0; pass < 3; pass++ {
				ds := contextFindings(t, f, loadContext(t, dir, path))
				if len(ds) == 0 {
					break
				}
				fx := ds[0].Fixes[0]
				applyFileFix(t, fx)
				fixed++
			}
			if fixed == 0 {
				t.Fatal("no finding to fix")
			}
			if ds := contextFindings(t, f, loadContext(t, dir, path)); len(ds) > 0 {
				t.Errorf("after %d fixes: %s %q", fixed, ds[0].Rule, ds[0].Message)
			}
		})
	}
}

func TestIgnoreFixEdits(t *testing.T) {
	dir := copyContext(t, "leaky")
	single := filepath.Join(dir, "single.Dockerfile")
	ds := contextFindings(t, syntax.Parse(readFile(t, single)), loadContext(t, dir, single))
	fx := ds[0].Fixes[0]
	want := filepath.Join(dir, ".dockerignore")
	if len(fx.CreateFiles) != 1 || fx.CreateFiles[0] != want || fx.Edits[0].Path != want {
		t.Fatalf("fix should create %s: %+v", want, fx)
	}
	if got, want := fx.Edits[0].NewText, ".git\nnode_modules\nrust/target\n**/.venv\n**/__pycache__\n.env\n**/*.pem\n"; got != want {
		t.Errorf("created text %q, want %q", got, want)
	}

	api := filepath.Join(dir, "api.Dockerfile")
	ds = contextFindings(t, syntax.Parse(readFile(t, api)), loadContext(t, dir, api))
	fx = ds[0].Fixes[0]
	ignore := api + ".dockerignore"
	size := len(readFile(t, ignore))
	if len(fx.CreateFiles) != 0 || fx.Edits[0].Path != ignore || fx.Edits[0].Range != (syntax.Range{Start: size, End: size}) || fx.Edits[0].NewText != ".env\n" {
		t.Errorf("fix should append .env to %s: %+v", ignore, fx)
	}
}

func contextFindings(t *testing.T, f *syntax.File, bc *buildcontext.Context) []analysis.Diagnostic {
	t.Helper()
	var out []analysis.Diagnostic
	for _, d := range check.Run(context.Background(), f, check.Config{BuildContext: bc, DisableBuildKit: true}) {
		if d.Rule == "ContextNotIgnored" || d.Rule == "SecretCopiedToFinalStage" {
			out = append(out, d)
		}
	}
	return out
}

// applyFileFix writes a fix that edits or creates other files.
func applyFileFix(t *testing.T, fx analysis.Fix) {
	t.Helper()
	for _, p := range fx.CreateFiles {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range fx.Edits {
		if e.Path == "" {
			t.Fatalf("fix %q edits the Dockerfile", fx.Title)
		}
		text := readFile(t, e.Path)
		text = text[:e.Range.Start] + e.NewText + text[e.Range.End:]
		if err := os.WriteFile(e.Path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func copyContext(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("../../testdata/context", name))); err != nil {
		t.Fatal(err)
	}
	if extra := contextExtras[name]; extra != nil {
		extra(t, dir)
	}
	return dir
}

func loadContext(t *testing.T, dir, dockerfile string) *buildcontext.Context {
	t.Helper()
	bc, err := buildcontext.Load(context.Background(), buildcontext.Options{Dir: dir, Dockerfile: dockerfile, Read: os.ReadFile})
	if err != nil {
		t.Fatal(err)
	}
	if !bc.Complete {
		t.Fatalf("walk of %s stopped at the %s bound", dir, bc.Bound)
	}
	return bc
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		analysistest.WriteFile(t, filepath.Join(dir, name), text)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
