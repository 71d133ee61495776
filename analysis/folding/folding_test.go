package folding_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/folding"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// lines renders ranges as "kind:start-end" with 0-based line numbers.
func lines(text string) string {
	f := syntax.Parse(text)
	var out []string
	for _, r := range folding.Ranges(model.Build(f)) {
		sl, _ := f.Lines().Position(r.Start)
		el, _ := f.Lines().Position(r.End)
		kind := "region"
		if r.Kind == folding.Comment {
			kind = "comment"
		}
		out = append(out, fmt.Sprintf("%s:%d-%d", kind, sl, el))
	}
	return strings.Join(out, " ")
}

func TestRanges(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"stages", "FROM a AS b\nRUN x\nRUN y\n\nFROM c\nRUN z\n", "region:0-2 region:4-5"},
		{"one-line stage", "FROM a\nFROM b\n", ""},
		{"multi-line instruction", "FROM a\nRUN x\nRUN a \\\n  b \\\n  c\n", "region:0-4 region:2-4"},
		{"heredoc", "FROM a\nRUN x\nRUN <<EOF\necho\nEOF\n", "region:0-4 region:2-4"},
		{"two heredocs on one line keep the larger", "FROM a\nRUN x\nCOPY <<A <<B /x\na\nA\nb\nB\n", "region:0-6 region:2-6"},
		{"heredoc with tabs", "FROM a\nRUN x\nRUN <<-EOT\n\techo\n\tEOT\nRUN y\n", "region:0-5 region:2-4"},
		{"unterminated heredoc", "FROM a\nRUN x\nRUN <<EOF\necho\nRUN y\n", "region:0-4 region:2-3"},
		{"comment block", "# a\n# b\n\n# c\nFROM a\n", "comment:0-1"},
		{"comment block inside a stage", "FROM a\n# one\n  # two\nRUN x\n", "region:0-3 comment:1-2"},
		{"continuation with comment", "FROM a\nRUN x\nRUN a \\\n# c\n  b\n", "region:0-4 region:2-4"},
		{"crlf", "FROM a\r\nRUN a \\\r\n  b\r\n", "region:0-2 region:1-2"},
		{"global args are not a stage", "ARG A\nARG B\nFROM a\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lines(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCorpus: every range spans lines, starts are distinct and sorted.
func TestCorpus(t *testing.T) {
	for _, path := range corpus.Files(t, "real") {
		text := corpus.Read(t, path)
		f := syntax.Parse(text)
		prev := -1
		for _, r := range folding.Ranges(model.Build(f)) {
			sl, _ := f.Lines().Position(r.Start)
			el, _ := f.Lines().Position(r.End)
			if el <= sl || sl <= prev || r.End > len(text) {
				t.Fatalf("%s: bad range %+v (lines %d-%d, previous start %d)", path, r, sl, el, prev)
			}
			prev = sl
		}
	}
}
