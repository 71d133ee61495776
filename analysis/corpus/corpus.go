// Package corpus locates the shared real-world Dockerfiles used by sweeps and
// benchmarks. The files live outside the repository (../shared/corpus) and are
// never copied into it.
package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
)

// Dir is the corpus folder, found relative to this source file so that tests
// in any package agree on it; DOCKERFILE_LSP_CORPUS overrides it.
func Dir() string {
	if d := os.Getenv("DOCKERFILE_LSP_CORPUS"); d != "" {
		return d
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "corpus")
}

// Files lists the Dockerfiles of one corpus set ("real" or "naive"), sorted.
// When the corpus is absent it skips tb with a message: the corpus lives
// outside the repository and a clone may come without it. A folder named
// by DOCKERFILE_LSP_CORPUS must exist, though: a corpus asked for and not
// found fails the test.
func Files(tb testing.TB, set string) []string {
	tb.Helper()
	files, err := List(set)
	if err != nil {
		const why = "%v: the sweeps over real Dockerfiles need the shared corpus, laid beside the clone as ../shared/corpus; or set DOCKERFILE_LSP_CORPUS to its folder"
		if os.Getenv("DOCKERFILE_LSP_CORPUS") != "" {
			tb.Fatalf(why, err)
		}
		tb.Skipf(why, err)
	}
	return files
}

// List lists the Dockerfiles of one corpus set, sorted; an absent or empty
// set is an error.
func List(set string) ([]string, error) {
	root := filepath.Join(Dir(), set)
	if _, err := os.Stat(root); err != nil {
		return nil, fmt.Errorf("corpus %s not found (%v)", root, err)
	}
	var files []string
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Dir(path) != root {
			files = append(files, path)
		} else if err == nil && !d.IsDir() && filepath.Ext(path) == ".Dockerfile" {
			files = append(files, path) // the naive set is flat
		}
		return nil
	})
	sort.Strings(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("corpus %s is empty", root)
	}
	return files, nil
}

// Read returns a corpus file's text, failing tb if it cannot be read.
func Read(tb testing.TB, path string) string {
	tb.Helper()
	return analysistest.ReadFile(tb, path)
}

// RepoPath is the path a corpus file had in its repository (the real set's
// MANIFEST.tsv records it; the file name there joins folders with "__"), or
// the file's base name for the flat naive set: the path a checker would be
// given for it.
func RepoPath(file string) string {
	set := filepath.Dir(filepath.Dir(file))
	rel, err := filepath.Rel(set, file)
	if err != nil || filepath.Base(set) != "real" {
		return filepath.Base(file)
	}
	manifestOnce.Do(func() { manifest = readManifest(filepath.Join(set, "MANIFEST.tsv")) })
	if p, ok := manifest[filepath.ToSlash(rel)]; ok {
		return p
	}
	return strings.ReplaceAll(filepath.Base(file), "__", "/")
}

var (
	manifestOnce sync.Once
	manifest     map[string]string // corpus file → path in its repository
)

func readManifest(path string) map[string]string {
	out := map[string]string{}
	data, err := os.ReadFile(path)
	if err != nil {
		return out
	}
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Split(line, "\t")
		if len(fields) >= 4 {
			out[fields[0]] = fields[3]
		}
	}
	return out
}
