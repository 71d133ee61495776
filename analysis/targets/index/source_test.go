package index_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/features"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/index"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
)

// TestOpenDocumentsWin checks that the answers of the index read the files
// open in a workspace file source as the editor has them, without Update:
// an unsaved edit, a file never saved, and the disk again once the source no
// longer has them open. Target values whose file moved on since the walk are
// left out.
func TestOpenDocumentsWin(t *testing.T) {
	ctx := context.Background()
	root := fixture(t)
	x := scan(t, root, index.Options{})
	df := filepath.Join(root, "Dockerfile")
	compose := filepath.Join(root, "compose.yaml")
	bake := filepath.Join(root, "sub", "docker-bake.hcl")
	open := &wsfile.Source{Roots: []string{root}, Open: map[string]string{
		compose: "services:\n  app:\n    build:\n      target: docs\n",
		bake:    "target \"site\" {\n  context = \"..\"\n  target = \"docs\"\n}\n",
	}}
	for _, tc := range []struct {
		name  string
		files *wsfile.Source
		stage string
		want  int // places that build it
	}{
		{"disk: dev", nil, "dev", 1},
		{"disk: docs", nil, "docs", 0},
		{"unsaved: dev", open, "dev", 0},
		{"unsaved, and never saved: docs", open, "docs", 2},
		{"closed: dev", &wsfile.Source{Roots: []string{root}}, "dev", 1},
	} {
		if got := x.Targeted(ctx, tc.files, df)[tc.stage]; len(got) != tc.want {
			t.Errorf("%s: targeted by %v, want %d places", tc.name, got, tc.want)
		}
	}
	if r, ok := x.ContextOf(ctx, open, df); !ok || r.File != compose {
		t.Errorf("context of the Dockerfile from %+v %v, want compose.yaml", r, ok)
	}

	// The value an unsaved edit names is where a rename goes.
	if vs := features.TargetValues(ctx, x, open, df, "docs"); len(vs) != 2 || vs[0].Text != open.Open[compose] || vs[1].Text != open.Open[bake] {
		t.Errorf("target values of docs: %+v", vs)
	}
	// The disk moved on without a file event: the index is behind it, and
	// a rename must not edit the wrong bytes.
	if err := os.WriteFile(compose, []byte("services:\n\n\n  app:\n    build:\n      target: dev\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if vs := features.TargetValues(ctx, x, nil, df, "dev"); len(vs) != 0 {
		t.Errorf("target values from a stale index: %+v", vs)
	}
}

// BenchmarkTargetedWithOpenDocuments is what a Dockerfile's diagnostics run
// pays for the workspace's targets with a Compose file open and edited.
func BenchmarkTargetedWithOpenDocuments(b *testing.B) {
	ctx := context.Background()
	root := fixture(b)
	x := index.New(index.Options{})
	if err := x.Scan(ctx, root); err != nil {
		b.Fatal(err)
	}
	df := filepath.Join(root, "Dockerfile")
	open := &wsfile.Source{Roots: []string{root}, Open: map[string]string{
		filepath.Join(root, "compose.yaml"): "services:\n  app:\n    build:\n      target: docs\n",
		df:                                  "FROM alpine AS docs\n",
	}}
	for b.Loop() {
		x.Targeted(ctx, open, df)
	}
}
