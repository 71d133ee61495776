package check

import (
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestApplyPreferred: only preferred fixes, the first of a diagnostic that
// fits, none that overlaps one taken before it or edits another file.
func TestApplyPreferred(t *testing.T) {
	const text = "FROM a\nRUN b\n"
	edit := func(start, end int, s string) analysis.Edit {
		return analysis.Edit{Range: syntax.Range{Start: start, End: end}, NewText: s}
	}
	fix := func(preferred bool, es ...analysis.Edit) analysis.Fix {
		return analysis.Fix{Title: "t", Preferred: preferred, Edits: es}
	}
	for _, tc := range []struct {
		name  string
		fixes [][]analysis.Fix // per diagnostic
		want  string
		n     int
	}{
		{"not preferred", [][]analysis.Fix{{fix(false, edit(5, 6, "b"))}}, text, 0},
		{"preferred", [][]analysis.Fix{{fix(true, edit(5, 6, "a:1"))}}, "FROM a:1\nRUN b\n", 1},
		{"the first preferred that fits", [][]analysis.Fix{
			{fix(true, edit(5, 6, "a:1"))},
			{fix(true, edit(5, 5, "x")), fix(true, edit(11, 12, "c"))},
		}, "FROM a:1\nRUN c\n", 2},
		{"same start overlaps", [][]analysis.Fix{{fix(true, edit(0, 0, "# 1\n"))}, {fix(true, edit(0, 0, "# 2\n"))}}, "# 1\nFROM a\nRUN b\n", 1},
		{"another file", [][]analysis.Fix{{{Title: "t", Preferred: true, Edits: []analysis.Edit{{Path: "/x/.dockerignore", NewText: ".git\n"}}}}}, text, 0},
		{"a file to create", [][]analysis.Fix{{{Title: "t", Preferred: true, Edits: []analysis.Edit{edit(0, 0, "x")}, CreateFiles: []string{"/x/.dockerignore"}}}}, text, 0},
	} {
		var ds []analysis.Diagnostic
		for _, fs := range tc.fixes {
			ds = append(ds, analysis.Diagnostic{Rule: "R", Fixes: fs})
		}
		got, taken := applyPreferred(text, ds)
		if got != tc.want || len(taken) != tc.n {
			t.Errorf("%s: %q with %d fixes, want %q with %d", tc.name, got, len(taken), tc.want, tc.n)
		}
	}
}
