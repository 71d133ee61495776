package buildcontext_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
)

// ReadFile reads what BuildKit sends, through the reader given to Load,
// once per walk.
func TestReadFile(t *testing.T) {
	dir := tree(t, "package.json", "web/package.json", "secret.env", "folder/")
	if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte("secret.env\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	reads := 0
	read := func(p string) ([]byte, error) { reads++; return os.ReadFile(p) }
	c, err := buildcontext.Load(context.Background(), buildcontext.Options{Dir: dir, Read: read})
	if err != nil {
		t.Fatal(err)
	}
	reads = 0 // the .dockerignore
	for _, tc := range []struct {
		path, want string
		ok         bool
	}{
		{"package.json", "package.json", true},
		{"./web/package.json", "web/package.json", true},
		{"/web/package.json", "web/package.json", true},
		{"secret.env", "", false}, // excluded: BuildKit does not send it
		{"folder", "", false},
		{"missing.json", "", false},
		{"../outside", "", false},
	} {
		data, err := c.ReadFile(tc.path)
		if (err == nil) != tc.ok || string(data) != tc.want {
			t.Errorf("ReadFile(%q) = %q, %v; want %q", tc.path, data, err, tc.want)
		}
	}
	c.ReadFile("package.json")
	if reads != 2 {
		t.Errorf("%d reads, want 2 (one per file sent)", reads)
	}
}
