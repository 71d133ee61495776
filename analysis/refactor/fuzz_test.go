package refactor_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// FuzzActions: whatever the text and the selection, computing and applying
// the actions never panics and their edits stay inside the text, sorted.
func FuzzActions(f *testing.F) {
	inputs, _ := filepath.Glob("../../testdata/split/*.Dockerfile")
	for _, in := range inputs {
		if data, err := os.ReadFile(in); err == nil {
			f.Add(string(data), 0, 0)
			f.Add(string(data), len(data)/3, len(data)/2)
		}
	}
	f.Add("FROM golang\nRUN go build -o\nCMD", 0, 5)
	f.Add("FROM x AS\nRUN <<EOF\ngo build\nCOPY --from=", 3, 30)
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		if a < 0 || b < a || b > len(text) {
			return
		}
		for _, act := range refactor.Actions(syntax.Parse(text), nil, syntax.Range{Start: a, End: b}) {
			end := 0
			for _, e := range act.Edits {
				if e.Range.Start < end || e.Range.End < e.Range.Start || e.Range.End > len(text) {
					t.Fatalf("%s: bad edit %+v", act.ID, e.Range)
				}
				end = e.Range.End
			}
			refactor.ApplyEdits(text, act.Edits)
		}
	})
}
