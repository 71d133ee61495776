package symbols_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/symbols"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// render prints the tree one symbol per line: indentation, kind, name,
// detail and the text Select covers.
func render(text string, syms []symbols.Symbol, depth int, b *strings.Builder) {
	for _, s := range syms {
		fmt.Fprintf(b, "%s%d %s [%s] <%s>\n", strings.Repeat("  ", depth), s.Kind, s.Name, s.Detail, text[s.Select.Start:s.Select.End])
		render(text, s.Children, depth+1, b)
	}
}

func TestDocument(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"stages", "ARG V=1\nFROM golang:$V AS build\nENV A=1 B=2\nRUN go build \\\n  ./...\nFROM alpine\nCOPY --from=build /a /b\nLABEL org.opencontainers.image.title=x\n", `
2 ARG [V=1] <ARG>
  3 V [= 1] <V>
1 build [FROM golang:$V] <build>
  2 ENV [A=1 B=2] <ENV>
    3 A [= 1] <A>
    3 B [= 2] <B>
  2 RUN [go build ./...] <RUN>
1 stage 1 [FROM alpine] <alpine>
  2 COPY [--from=build /a /b] <COPY>
  2 LABEL [org.opencontainers.image.title=x] <LABEL>
    4 org.opencontainers.image.title [= x] <org.opencontainers.image.title=x>
`},
		{"platform and deprecated", "FROM --platform=$BUILDPLATFORM alpine AS a\nMAINTAINER me\n", `
1 a [FROM alpine ($BUILDPLATFORM)] <a>
  2 MAINTAINER [me] <MAINTAINER>
`},
		{"heredoc summary stops at the marker", "FROM a\nRUN <<EOF\necho hi\nEOF\n", `
1 stage 0 [FROM a] <a>
  2 RUN [<<EOF] <RUN>
`},
		{"comments in continuations are left out", "FROM a\nRUN a \\\n  # note\n  b\n", `
1 stage 0 [FROM a] <a>
  2 RUN [a b] <RUN>
`},
		{"half-typed", "FROM\n", `
1 stage 0 [FROM] <FROM>
`},
		{"long lines are shortened", "FROM a\nRUN " + strings.Repeat("é", 40) + "\n", `
1 stage 0 [FROM a] <a>
  2 RUN [` + strings.Repeat("é", 30) + `…] <RUN>
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := model.Build(syntax.Parse(tt.in))
			var b strings.Builder
			render(tt.in, symbols.Document(m), 0, &b)
			if got := "\n" + b.String(); got != tt.want {
				t.Errorf("got:%s\nwant:%s", got, tt.want)
			}
		})
	}
}

func TestFlatten(t *testing.T) {
	m := model.Build(syntax.Parse("FROM a AS build\nENV A=1\nFROM b\nRUN x\n"))
	var got []string
	for _, s := range symbols.Flatten(symbols.Document(m)) {
		got = append(got, s.Name+"@"+s.Container)
	}
	if want := "build@ ENV@build A@ENV stage 1@ RUN@stage 1"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

// TestCorpus checks on every real file that each range contains its
// selection and its children, as LSP requires.
func TestCorpus(t *testing.T) {
	for _, path := range corpus.Files(t, "real") {
		text := corpus.Read(t, path)
		m := model.Build(syntax.Parse(text))
		var check func(parent syntax.Range, syms []symbols.Symbol)
		check = func(parent syntax.Range, syms []symbols.Symbol) {
			for _, s := range syms {
				if s.Name == "" || s.Range.Start < parent.Start || s.Range.End > parent.End ||
					s.Select.Start < s.Range.Start || s.Select.End > s.Range.End {
					t.Fatalf("%s: bad symbol %+v in %v", path, s, parent)
				}
				check(s.Range, s.Children)
			}
		}
		check(syntax.Range{Start: 0, End: len(text)}, symbols.Document(m))
	}
}
