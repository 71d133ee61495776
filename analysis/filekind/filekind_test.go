package filekind

import "testing"

func TestOf(t *testing.T) {
	for _, tc := range []struct {
		path, languageID string
		want             Kind
	}{
		{"/w/Dockerfile", "", Dockerfile},
		{"/w/Dockerfile.prod", "dockerfile", Dockerfile},
		{"/w/api.Dockerfile", "", Dockerfile},
		{"/w/Containerfile", "", Dockerfile},
		{`C:\w\Containerfile.dev`, "", Dockerfile},
		{"/w/build.txt", "", Dockerfile}, // the CLI was asked to check it
		{"/w/build.txt", "dockerfile", Dockerfile},
		{"/w/notes.yaml", "yaml", Other},
		{"/w/compose.yaml", "yaml", Compose},
		{"/w/compose.yaml", "dockerfile", Compose}, // the name wins
		{"/w/docker-compose.prod.yml", "", Compose},
		{"/w/stack.yml", "dockercompose", Compose},
		{"/w/docker-bake.hcl", "hcl", Bake},
		{"/w/docker-bake.json", "json", Bake},
		{"/w/ci.override.hcl", "", Bake},
		{"/w/vars.hcl", "hcl", Other},
		{"/w/.dockerignore", "ignore", Dockerignore},
		{"/w/Dockerfile.dockerignore", "", Dockerignore},
		{"/w/ignores", "dockerignore", Dockerignore},
	} {
		if got := Of(tc.path, tc.languageID); got != tc.want {
			t.Errorf("Of(%q, %q) = %v, want %v", tc.path, tc.languageID, got, tc.want)
		}
	}
}

func TestByNameSaysNothingForUnknownNames(t *testing.T) {
	for _, name := range []string{"main.go", "README.md", "Makefile", "values.yaml", ""} {
		if got := ByName(name); got != Other {
			t.Errorf("ByName(%q) = %v, want other", name, got)
		}
	}
}
