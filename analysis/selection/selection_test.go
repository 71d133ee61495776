package selection_test

import (
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/selection"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

func TestRanges(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // innermost first, without the stage and file
	}{
		{"mount value", "FROM a\nRUN --mount=type=ca<|>che,target=/x go build\n",
			[]string{"cache", "type=cache", "type=cache,target=/x", "--mount=type=cache,target=/x", "RUN --mount=type=cache,target=/x go build"}},
		{"flag name", "FROM a\nCOPY --fr<|>om=b --chown=1 /x /y\n",
			[]string{"from", "--from=b", "--from=b --chown=1", "COPY --from=b --chown=1 /x /y"}},
		{"argument", "FROM a\nCOPY --from=b /x<|> /y\n",
			[]string{"/x", "/x /y", "COPY --from=b /x /y"}},
		{"keyword", "FROM a\nRU<|>N make\n", []string{"RUN", "RUN make"}},
		{"variable in a value", "FROM a\nENV A=${B<|>:-x}/bin\n",
			[]string{"B", "${B:-x}", "${B:-x}/bin", "A=${B:-x}/bin", "ENV A=${B:-x}/bin"}},
		{"env key", "FROM a\nENV A<|>B=1 C=2\n", []string{"AB", "AB=1", "AB=1 C=2", "ENV AB=1 C=2"}},
		{"heredoc body", "FROM a\nRUN <<EOF\necho $<|>X\nls\nEOF\n",
			[]string{"X", "$X", "echo $X", "echo $X\nls", "<<EOF\necho $X\nls\nEOF", "RUN <<EOF\necho $X\nls\nEOF"}},
		{"onbuild", "FROM a\nONBUILD COPY --from=b /<|>x /y\n",
			[]string{"/x", "/x /y", "COPY --from=b /x /y", "ONBUILD COPY --from=b /x /y"}},
		{"continuation", "FROM a\nRUN a \\\n  && b<|>\n", []string{"b", "a \\\n  && b", "RUN a \\\n  && b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off := strings.Index(tt.in, "<|>")
			text := tt.in[:off] + tt.in[off+3:]
			m := model.Build(syntax.Parse(text))
			rs := selection.Ranges(m, off)
			var got []string
			for _, r := range rs {
				got = append(got, text[r.Start:r.End])
			}
			// the last two are the stage and the file
			if len(got) < 2 || got[len(got)-1] != text {
				t.Fatalf("chain %q does not end with the file", got)
			}
			got = got[:len(got)-1]
			if s := m.StageAt(off); s != nil && got[len(got)-1] == text[s.Range.Start:s.Range.End] {
				got = got[:len(got)-1]
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestCorpus checks every offset of a tenth of the real files: each range
// holds the cursor and sits strictly inside the next one.
func TestCorpus(t *testing.T) {
	files := corpus.Files(t, "real")
	for i, path := range files {
		if i%10 != 0 {
			continue
		}
		text := corpus.Read(t, path)
		m := model.Build(syntax.Parse(text))
		for off := 0; off <= len(text); off++ {
			rs := selection.Ranges(m, off)
			if len(rs) == 0 || rs[len(rs)-1] != (syntax.Range{Start: 0, End: len(text)}) && len(text) > 0 {
				t.Fatalf("%s@%d: chain %v does not end with the file", path, off, rs)
			}
			for j, r := range rs {
				if !r.Contains(off) || j > 0 && (r.Start > rs[j-1].Start || r.End < rs[j-1].End || r == rs[j-1]) {
					t.Fatalf("%s@%d: bad chain %v", path, off, rs)
				}
			}
		}
	}
}
