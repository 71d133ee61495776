package check_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestPurposeFixtures runs every analyzer over testdata/purpose, where each
// fixture's first line, `# path: P`, is the path the file has in its
// workspace: what the image is for is read from it.
func TestPurposeFixtures(t *testing.T) {
	analysistest.RunFiles(t, "../../testdata/purpose", func(_ string, f *syntax.File) []analysis.Diagnostic {
		first, _, _ := strings.Cut(f.Text, "\n")
		path, ok := strings.CutPrefix(first, "# path: ")
		if !ok {
			t.Fatalf("the fixture's first line must be `# path: P`, got %q", first)
		}
		return check.Run(context.Background(), f, check.Config{Path: path})
	})
}
