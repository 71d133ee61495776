package analysistest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
)

// Tree writes files (slash-separated paths relative to a new temporary
// folder, with their text) and returns the folder.
func Tree(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	for name, text := range files {
		WriteFile(tb, filepath.Join(dir, filepath.FromSlash(name)), text)
	}
	return dir
}

// WriteFile writes text to p, creating its folder.
func WriteFile(tb testing.TB, p, text string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// Context writes files as Tree does and walks the folder as a build
// context, reading files from the disk.
func Context(tb testing.TB, files map[string]string) *buildcontext.Context {
	tb.Helper()
	c, err := buildcontext.Load(context.Background(), buildcontext.Options{Dir: Tree(tb, files), Read: os.ReadFile})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
