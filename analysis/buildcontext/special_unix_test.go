//go:build unix

package buildcontext_test

import (
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
)

// TestSpecialFiles: symlinks are recorded, never followed (the one out of
// the context included); FIFOs are not recorded, as BuildKit does not send
// them; a path through a symlink is unknown rather than absent.
func TestSpecialFiles(t *testing.T) {
	outside := tree(t, "passwd", "deep/x")
	dir := tree(t, "Dockerfile", "app/main.go")
	for target, link := range map[string]string{outside: "out", "app": "applink", "missing": "dangling"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := load(t, dir, "")
	if !c.Complete {
		t.Fatalf("incomplete: %s", c.Bound)
	}
	if got, want := c.Children(""), []string{"Dockerfile", "app/", "applink", "dangling", "out"}; !reflect.DeepEqual(got, want) {
		t.Errorf("children %q, want %q", got, want)
	}
	if e, _ := c.Lookup("out"); e.Kind != buildcontext.Symlink {
		t.Errorf("out: %+v", e)
	}
	if _, ok := c.Lookup("out/passwd"); ok {
		t.Error("the walk followed a symlink out of the context")
	}
	if c.Len() != 6 {
		t.Errorf("%d entries, want 6", c.Len())
	}
	for src, want := range map[string]buildcontext.Presence{
		"pipe":            buildcontext.Absent,
		"out":             buildcontext.Present,
		"out/passwd":      buildcontext.Unknown,
		"applink/main.go": buildcontext.Unknown,
		"applink/*.go":    buildcontext.Unknown,
		"app*/main.go":    buildcontext.Present,
	} {
		if got := c.Source(src); got != want {
			t.Errorf("Source(%q) = %s, want %s", src, got, want)
		}
	}
}
