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

// join agrees with path.Join for every directory and relative path.
func TestJoin(t *testing.T) {
	dirs := []string{"/", "/src", "/src/", "/a//b", "/a/./b", "/a/..", "$HOME/x", "", "/.app"}
	paths := []string{"", ".", "./", "././", "a", "a/", "a//", "./a", "./a/", ".//a", "./../a", "..", "../a", "a/..", "a/./b",
		"a/b/c", ".a", "..a", "...", "~", "$X", "pkg0/", "./pkg0/", "app0", "a/.", "./."}
	for _, d := range dirs {
		for _, p := range paths {
			if got, want := join(d, p), path.Join(d, p); got != want {
				t.Errorf("join(%q, %q) = %q, want %q", d, p, got, want)
			}
		}
	}
}
