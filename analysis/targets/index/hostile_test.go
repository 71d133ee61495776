package index_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/features"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/index"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/targetstest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile/wsfiletest"
)

// Every reader of this package meets a hostile workspace: a FIFO, a symlink
// to /dev/zero, a symlink out of the workspace, a build context that climbs
// to /etc. None may hang, grow without bound or read outside the workspace;
// what is not hostile around them still works.

const hostileTimeout = 20 * time.Second

// outsideStage is a stage only a file outside the workspace has: seeing it
// means that file was read.
const outsideStage = "FROM alpine AS leaked\n"

// hostile makes a workspace ws (and a folder outside it) with the traps.
func hostile(t *testing.T) (ws, outside string) {
	t.Helper()
	base := analysistest.Tree(t, map[string]string{
		"ws/app/Dockerfile":   targetstest.MultiStage,
		"ws/docker-bake.hcl":  "target \"app\" {\n  context = \"app\"\n  target = \"test\"\n}\n",
		"ws/Makefile":         "all:\n\tdocker build --target build app\n",
		"outside/Dockerfile":  outsideStage,
		"outside/compose.yml": "services:\n  x:\n    build:\n      context: ../ws/app\n      target: build\n",
	})
	ws, outside = filepath.Join(base, "ws"), filepath.Join(base, "outside")
	wsfiletest.Symlink(t, "/dev/zero", filepath.Join(ws, "docker-bake.override.hcl"))
	wsfiletest.Fifo(t, filepath.Join(ws, ".gitignore"))
	wsfiletest.Fifo(t, filepath.Join(ws, "app", ".gitignore"))
	wsfiletest.Fifo(t, filepath.Join(ws, "fifo", "Dockerfile"))
	wsfiletest.Fifo(t, filepath.Join(ws, "ci", "build.sh"))
	wsfiletest.Symlink(t, "/dev/zero", filepath.Join(ws, "zero", "Dockerfile"))
	wsfiletest.Symlink(t, filepath.Join(outside, "Dockerfile"), filepath.Join(ws, "leak", "Dockerfile"))
	wsfiletest.Symlink(t, outside, filepath.Join(ws, "linked"))
	return ws, outside
}

// toEtc is a context that climbs from dir to /etc.
func toEtc(dir string) string {
	return strings.Repeat("../", strings.Count(dir, string(filepath.Separator))+2) + "etc"
}

func TestHostileCompose(t *testing.T) {
	ws, _ := hostile(t)
	p := filepath.Join(ws, "compose.yaml")
	for _, tc := range []struct {
		name    string
		build   string // the build: mapping of the service
		message string // in the MissingDockerfile diagnostic
	}{
		{"dockerfile /dev/zero", "context: .\n      dockerfile: /dev/zero", "outside the workspace"},
		{"symlink to /dev/zero", "context: zero", "outside the workspace"},
		{"FIFO", "context: fifo", "not a regular file"},
		{"context to /etc", "context: " + toEtc(ws) + "\n      dockerfile: passwd", "outside the workspace"},
		{"symlink out", "context: leak", "outside the workspace"},
		{"symlinked folder out", "context: linked", "outside the workspace"},
		{"absolute path out", "context: .\n      dockerfile: " + filepath.Join(filepath.Dir(ws), "outside", "Dockerfile"), "outside the workspace"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := "services:\n  s:\n    build:\n      " + tc.build + "\n      target: leaked\n"
			off := strings.Index(text, "leaked") + 2
			wsfiletest.Within(t, hostileTimeout, tc.name, func() {
				d := builds.Parse(p, text)
				r := &builds.Resolver{Files: &wsfile.Source{Roots: []string{ws}}}
				ds := features.Diagnose(d, r)
				if len(ds) != 1 || ds[0].Rule != targets.RuleMissingDockerfile || !strings.Contains(ds[0].Message, tc.message) {
					t.Errorf("diagnostics %v, want one %s saying %q", ds, targets.RuleMissingDockerfile, tc.message)
				}
				if c, _ := features.Complete(p, text, off, r); len(c.Items) > 0 {
					t.Errorf("completion offers %v", c.Items)
				}
				if h, _, _ := features.Hover(d, off, r, false); !strings.Contains(h, tc.message) {
					t.Errorf("hover %q", h)
				}
				if loc, ok := features.Definition(d, off, r); ok {
					t.Errorf("definition %+v", loc)
				}
			})
		})
	}
	// Without roots, the Compose file's own folder is the workspace.
	wsfiletest.Within(t, hostileTimeout, "no roots", func() {
		text := "services:\n  s:\n    build:\n      context: " + toEtc(ws) + "\n      dockerfile: passwd\n"
		if ds := features.Diagnose(builds.Parse(p, text), &builds.Resolver{}); len(ds) != 1 || !strings.Contains(ds[0].Message, "outside the workspace") {
			t.Errorf("without roots: %v", ds)
		}
	})
}

// A Bake file next to a docker-bake.override.hcl symlinked to /dev/zero
// still works: the override is left out.
func TestHostileBakeSiblings(t *testing.T) {
	ws, _ := hostile(t)
	p := filepath.Join(ws, "docker-bake.hcl")
	text, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	wsfiletest.Within(t, hostileTimeout, "the Bake file", func() {
		d := builds.Parse(p, string(text))
		if ds := features.Diagnose(d, &builds.Resolver{Files: &wsfile.Source{Roots: []string{ws}}}); len(ds) != 0 {
			t.Errorf("diagnostics %v", ds)
		}
		if refs := index.Refs(p, string(text), ws, &builds.Resolver{}); len(refs) != 1 || refs[0].Stage != "test" {
			t.Errorf("refs %+v", refs)
		}
	})
}

// The index finishes over FIFOs (.gitignore, a script), /dev/zero symlinks
// and symlinks out of the root, and indexes what is regular and inside.
func TestHostileIndex(t *testing.T) {
	ws, outside := hostile(t)
	x := index.New(index.Options{})
	wsfiletest.Within(t, hostileTimeout, "the scan", func() {
		if err := x.Scan(context.Background(), ws); err != nil {
			t.Error(err)
		}
	})
	df := filepath.Join(ws, "app", "Dockerfile")
	got := map[string]bool{}
	for _, r := range x.RefsTo(context.Background(), nil, df) {
		got[r.Rel+" "+r.Stage] = true
	}
	if len(got) != 2 || !got["docker-bake.hcl test"] || !got["Makefile build"] {
		t.Errorf("refs %v, want the Bake file's and the Makefile's", got)
	}
	if refs := x.RefsTo(context.Background(), nil, filepath.Join(outside, "Dockerfile")); len(refs) != 0 {
		t.Errorf("refs from outside: %+v", refs) // compose.yml through the symlinked folder "linked"
	}

	// File events on the traps read nothing and index nothing.
	wsfiletest.Within(t, hostileTimeout, "refreshing the traps", func() {
		for _, p := range []string{
			filepath.Join(ws, "docker-bake.override.hcl"),
			filepath.Join(ws, "ci", "build.sh"),
			filepath.Join(ws, "linked", "compose.yml"),
		} {
			if x.Refresh(p) {
				t.Errorf("Refresh(%s) changed the index", p)
			}
		}
	})
	// The editor's text of the Bake file, next to the /dev/zero override.
	wsfiletest.Within(t, hostileTimeout, "updating the Bake file", func() {
		x.Update(filepath.Join(ws, "docker-bake.hcl"), "target \"app\" {\n  context = \"app\"\n  target = \"build\"\n}\n")
	})
	if refs := x.RefsTo(context.Background(), nil, df); len(refs) != 2 || refs[0].Stage != "build" || refs[1].Stage != "build" {
		t.Errorf("after the update: %+v", refs)
	}
	if x.Files() != 2 {
		t.Errorf("%d files indexed, want 2", x.Files())
	}
}
