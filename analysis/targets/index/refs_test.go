package index_test

import (
	"path/filepath"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/index"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/targetstest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
)

// disk is the file source without open documents.
var disk *wsfile.Source

func TestRefs(t *testing.T) {
	dir := analysistest.Tree(t, map[string]string{
		"Dockerfile":        targetstest.MultiStage,
		"sub/Dockerfile":    targetstest.MultiStage,
		"docker/Dockerfile": targetstest.MultiStage,
		"sub/Makefile":      "all:\n\tdocker build --target test .\n\tdocker build -f ../docker/Dockerfile --target build ..\n\tdocker build -f $(DF) --target vars .\n",
		"scripts/build.sh":  "#!/bin/sh\ndocker build --target test .\n",
		"compose.yaml":      "services:\n  a:\n    build:\n      target: build\n  r:\n    build:\n      context: https://github.com/x/y.git\n      target: remote\n",
		"docker-bake.hcl":   "target \"a\" {\n  context = \"docker\"\n  target = \"test\"\n}\n",
		".github/workflows/ci.yml": `on: push
jobs:
  build:
    steps:
      - uses: docker/build-push-action@v6
        with:
          file: docker/Dockerfile
          target: build
      - uses: docker/build-push-action@v6
        with:
          context: sub
          target: "test"
      - uses: docker/build-push-action@v6
        with:
          target: ${{ matrix.target }}
      - run: docker build --target test -f docker/Dockerfile .
`,
	})
	df := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	refsOf := func(name string) []targets.Ref {
		p := df(name)
		text := targetstest.ReadFile(t, p)
		return index.Refs(p, text, dir, &builds.Resolver{})
	}
	type want struct {
		stage, dockerfile, via string
		line                   int
	}
	check := func(name string, refs []targets.Ref, wants ...want) {
		t.Helper()
		if len(refs) != len(wants) {
			t.Fatalf("%s: %d refs, want %d: %+v", name, len(refs), len(wants), refs)
		}
		for i, w := range wants {
			r := refs[i]
			got := ""
			if len(r.Candidates) > 0 {
				got = r.Candidates[0]
			}
			wantDF := ""
			if w.dockerfile != "" {
				wantDF = df(w.dockerfile)
			}
			if r.Stage != w.stage || got != wantDF || r.Via != w.via || r.Line != w.line {
				t.Errorf("%s %d: %+v, want %+v", name, i, r, w)
			}
			text := targetstest.ReadFile(t, r.File)
			if text[r.Range.Start:r.Range.End] != w.stage {
				t.Errorf("%s %d: range %v is %q", name, i, r.Range, text[r.Range.Start:r.Range.End])
			}
		}
	}
	check("Makefile", refsOf("sub/Makefile"),
		want{"test", "sub/Dockerfile", "docker build", 1},
		want{"build", "docker/Dockerfile", "docker build", 2},
		want{"vars", "", "docker build", 3})
	check("script", refsOf("scripts/build.sh"), want{"test", "scripts/Dockerfile", "docker build", 1})
	check("compose", refsOf("compose.yaml"), want{"build", "Dockerfile", `service "a"`, 3})
	check("bake", refsOf("docker-bake.hcl"), want{"test", "docker/Dockerfile", `Bake target "a"`, 2})
	check("workflow", refsOf(".github/workflows/ci.yml"),
		want{"build", "docker/Dockerfile", "docker/build-push-action", 7},
		want{"test", "sub/Dockerfile", "docker/build-push-action", 11},
		want{"test", "docker/Dockerfile", "docker build", 15})

	// A script run from the root: its folder has no Dockerfile, so the
	// root's is the one.
	r := refsOf("scripts/build.sh")[0]
	if !r.Targets(df("Dockerfile"), disk.IsFile) || r.Targets(df("sub/Dockerfile"), disk.IsFile) {
		t.Errorf("script ref targets %v", r.Candidates)
	}
	// A Dockerfile created in the editor beside the script and not saved
	// yet is the one it builds.
	unsaved := &wsfile.Source{Open: map[string]string{df("scripts/Dockerfile"): targetstest.MultiStage}}
	if r.Targets(df("Dockerfile"), unsaved.IsFile) || !r.Targets(df("scripts/Dockerfile"), unsaved.IsFile) {
		t.Errorf("with an unsaved scripts/Dockerfile, script ref targets %v", r.Candidates)
	}
	// A path with variables may be any Dockerfile.
	if r := refsOf("sub/Makefile")[2]; !r.Targets(df("Dockerfile"), disk.IsFile) || !r.Targets(df("sub/Dockerfile"), disk.IsFile) {
		t.Errorf("unresolved ref targets %v", r.Candidates)
	}
}

func TestExactRefs(t *testing.T) {
	dir := analysistest.Tree(t, map[string]string{
		"Dockerfile":   targetstest.MultiStage,
		"compose.yaml": "services:\n  a:\n    build:\n      context: gone\n      target: test\n",
	})
	p := filepath.Join(dir, "compose.yaml")
	refs := index.Refs(p, targetstest.ReadFile(t, p), dir, &builds.Resolver{})
	if len(refs) != 1 || !refs[0].Exact || refs[0].Targets(filepath.Join(dir, "Dockerfile"), disk.IsFile) || !refs[0].Targets(filepath.Join(dir, "gone", "Dockerfile"), disk.IsFile) {
		t.Fatalf("refs %+v", refs)
	}
}
