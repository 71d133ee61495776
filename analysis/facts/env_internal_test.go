package facts

import (
	"path"
	"testing"
)

// isClean agrees with path.Clean on absolute paths.
func TestIsClean(t *testing.T) {
	for _, p := range []string{"/", "/a", "/a/b", "/a/", "//a", "/a//b", "/.", "/./a", "/a/.", "/a/./b", "/..", "/a/..", "/a/../b",
		"/.a", "/a/.b", "/a/..b", "/a/b..", "/...", "/a/.../b", "/usr/local/bin/app0", "/out/0/app"} {
		if got, want := isClean(p), path.Clean(p) == p; got != want {
			t.Errorf("isClean(%q) = %v, want %v", p, got, want)
		}
	}
}
