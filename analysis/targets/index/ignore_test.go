package index

import (
	"io/fs"
	"path/filepath"
	"testing"
)

// TestGitignore checks how .gitignore lines exclude paths from the index,
// through the matcher .dockerignore files use.
func TestGitignore(t *testing.T) {
	files := map[string]string{ // folder → its .gitignore
		".":   "# built\n*.log\n/out\nbuild/\ndocs/site\n*.sh\n!keep.sh\nlib/**/gen\n\n",
		"sub": "*.tmp\n",
	}
	read := func(p string) ([]byte, error) {
		text, ok := files[filepath.Dir(p)]
		if !ok {
			return nil, fs.ErrNotExist
		}
		return []byte(text), nil
	}
	g := gitignore{}.readGitignore(read, ".", "").readGitignore(read, "sub", "sub")
	for _, tc := range []struct {
		rel   string
		isDir bool
		want  bool
	}{
		{"x.log", false, true},
		{"a/b/x.log", false, true},
		{"out", true, true},
		{"a/out", true, false},
		{"build", true, true},
		{"a/build", true, true},
		{"build", false, false}, // a file named like a folder-only pattern
		{"docs/site", true, true},
		{"x/docs/site", true, false},
		{"sub/x.tmp", false, true},
		{"x.tmp", false, false},
		{"run.sh", false, true},
		{"keep.sh", false, false},
		{"lib/a/b/gen", true, true},
		{"lib/gen", true, true},
		{"compose.yaml", false, false},
	} {
		if got := g.ignored(tc.rel, tc.isDir); got != tc.want {
			t.Errorf("ignored(%q, dir %v) = %v, want %v", tc.rel, tc.isDir, got, tc.want)
		}
	}
	if (gitignore{}).ignored("anything", true) {
		t.Error("the zero value excludes")
	}
}
