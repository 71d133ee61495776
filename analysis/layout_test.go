package analysis_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// README's layout table names every package of the module, the root
// `analysis` package and the test kits included: a new package comes with
// its row. The first cell of a row names one package by its path, or a
// group: `analysis/navigate`, `hover`, … where a bare name is a sibling of
// the first path.
func TestReadmeLayoutListsEveryPackage(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	listed, err := layoutPackages(string(readme))
	if err != nil {
		t.Fatal(err)
	}
	var packages []string
	filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if name := d.Name(); name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".") && p != ".." {
			return filepath.SkipDir
		}
		if gos, _ := filepath.Glob(filepath.Join(p, "*.go")); len(gos) > 0 {
			packages = append(packages, filepath.ToSlash(strings.TrimPrefix(p, ".."+string(filepath.Separator))))
		}
		return nil
	})
	if !slices.Contains(packages, "analysis") || !slices.Contains(packages, "server/lsptest") {
		t.Fatalf("the walk missed packages: %v", packages)
	}
	for _, p := range packages {
		if !slices.Contains(listed, p) {
			t.Errorf("README's layout table does not list %s", p)
		}
	}
	seen := map[string]bool{}
	for _, p := range listed {
		if seen[p] {
			t.Errorf("README's layout table lists %s twice", p)
		}
		seen[p] = true
		if st, err := os.Stat(filepath.Join("..", p)); err != nil || !st.IsDir() {
			t.Errorf("README's layout table lists %s, which is no folder", p)
		}
	}
}

// layoutPackages reads the paths of the first cells of the table in
// README's Layout section, without trailing slashes. A blank line inside the
// table would cut it in two when rendered, so the rows must be contiguous.
func layoutPackages(readme string) ([]string, error) {
	_, layout, ok := strings.Cut(readme, "\n## Layout\n")
	if !ok {
		return nil, errors.New("README has no Layout section")
	}
	if i := strings.Index(layout, "\n## "); i >= 0 {
		layout = layout[:i]
	}
	code := regexp.MustCompile("`([^`]+)`")
	var out []string
	inTable, ended := false, false
	for _, line := range strings.Split(layout, "\n") {
		if !strings.HasPrefix(line, "|") {
			if inTable {
				ended, inTable = true, false
			}
			continue
		}
		if ended {
			return nil, fmt.Errorf("the layout table is cut in two before %q", line)
		}
		inTable = true
		cells := strings.Split(line, "|")
		if len(cells) < 3 {
			continue
		}
		parent := ""
		for _, m := range code.FindAllStringSubmatch(cells[1], -1) {
			p := strings.TrimSuffix(m[1], "/")
			if strings.Contains(p, "/") || parent == "" {
				parent = path.Dir(p)
			} else {
				p = path.Join(parent, p)
			}
			out = append(out, p)
		}
	}
	return out, nil
}
