package analysis_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// README's layout table names every package of the module: a new package
// comes with its line there. A package is named by its path or, in a row
// that groups several, by its last element.
func TestReadmeLayoutListsEveryPackage(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, layout, ok := strings.Cut(string(readme), "## Layout")
	if !ok {
		t.Fatal("README has no Layout section")
	}
	if i := strings.Index(layout, "\n## "); i >= 0 {
		layout = layout[:i]
	}
	for _, top := range []string{"analysis", "cmd", "completion", "server"} {
		filepath.WalkDir(filepath.Join("..", top), func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.IsDir() {
				return nil
			}
			if d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if gos, _ := filepath.Glob(filepath.Join(p, "*.go")); len(gos) == 0 {
				return nil
			}
			rel := filepath.ToSlash(strings.TrimPrefix(p, ".."+string(filepath.Separator)))
			if !strings.Contains(layout, "`"+rel+"`") && !strings.Contains(layout, "`"+rel+"/`") && !strings.Contains(layout, "`"+filepath.Base(rel)+"`") {
				t.Errorf("README's layout table does not list %s", rel)
			}
			return nil
		})
	}
}
