package index_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/index"
)

// TestContextOf checks which Compose service or Bake target gives a
// Dockerfile its build context, with or without a target, and that builds
// without a target add no targeted stage.
func TestContextOf(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "compose.yaml"), "services:\n  api:\n    build:\n      context: services/api\n      dockerfile: ../../docker/api.Dockerfile\n  web:\n    build: web\n")
	write(t, filepath.Join(root, "docker-bake.hcl"), "target \"worker\" {\n  context = \".\"\n  dockerfile = \"worker/Dockerfile\"\n  target = \"release\"\n}\n")
	for _, p := range []string{"docker/api.Dockerfile", "web/Dockerfile", "worker/Dockerfile", "lone/Dockerfile"} {
		write(t, filepath.Join(root, p), "FROM alpine AS release\n")
	}
	x := scan(t, root, index.Options{})
	for _, tc := range []struct {
		dockerfile, context, via string
	}{
		{"docker/api.Dockerfile", "services/api", `service "api"`},
		{"web/Dockerfile", "web", `service "web"`},
		{"worker/Dockerfile", ".", `Bake target "worker"`},
		{"lone/Dockerfile", "", ""},
	} {
		r, ok := x.ContextOf(context.Background(), nil, filepath.Join(root, tc.dockerfile))
		if tc.context == "" {
			if ok {
				t.Errorf("%s: context %s from %s, want none", tc.dockerfile, r.Context, r.Via)
			}
			continue
		}
		if !ok || r.Context != filepath.Join(root, tc.context) || r.Via != tc.via {
			t.Errorf("%s: got %q via %q (%v), want %q via %q", tc.dockerfile, r.Context, r.Via, ok, tc.context, tc.via)
		}
	}
	if got := x.Targeted(context.Background(), nil, filepath.Join(root, "web", "Dockerfile")); len(got) != 0 {
		t.Errorf("a build without a target targets %v", got)
	}
	if got := x.Targeted(context.Background(), nil, filepath.Join(root, "worker", "Dockerfile")); len(got["release"]) != 1 {
		t.Errorf("worker targets %v", got)
	}
}
