package targets

import (
	"path/filepath"
	"testing"
)

func TestBuildCommandFor(t *testing.T) {
	for _, tc := range []struct{ path, stage, want string }{
		{"/w/app/Dockerfile", "build", "docker build --target build ."},
		{"/w/app/Dockerfile.prod", "release", "docker build --target release -f Dockerfile.prod ."},
	} {
		got := BuildCommandFor(filepath.FromSlash(tc.path), tc.stage)
		if got.Command != tc.want || got.Cwd != filepath.Dir(filepath.FromSlash(tc.path)) || len(got.Args) == 0 {
			t.Errorf("BuildCommandFor(%q, %q) = %+v, want %q", tc.path, tc.stage, got, tc.want)
		}
	}
}

func TestTargetsNote(t *testing.T) {
	refs := []Ref{{Stage: "test", Rel: "compose.yaml"}, {Stage: "dev", Rel: "Makefile"}}
	for _, tc := range []struct {
		stage    string
		markdown bool
		want     string
	}{
		{"test", true, "Built as a target by:\n- `compose.yaml:1 ()`"},
		{"test", false, "Built as a target by: compose.yaml:1 ()"},
		{"docs", true, ""},
	} {
		if got := TargetsNote(WhereBuilt(refs, tc.stage), tc.markdown); got != tc.want {
			t.Errorf("%s (markdown %v): %q, want %q", tc.stage, tc.markdown, got, tc.want)
		}
	}
}
