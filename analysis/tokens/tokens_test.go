package tokens_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/tokens"
)

// render prints each token as text/type[+modifiers].
func render(text string, toks []tokens.Token) string {
	var out []string
	for _, t := range toks {
		s := text[t.Start:t.End] + "/" + tokens.Types[t.Type]
		for i, m := range tokens.Modifiers {
			if t.Mods&(1<<i) != 0 {
				s += "+" + m
			}
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestFull(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"from", "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM build\n",
			"FROM/keyword --platform/parameter =/operator $BUILDPLATFORM/variable+defaultLibrary golang:1.22/type AS/keyword build/namespace+declaration FROM/keyword build/namespace"},
		{"copy from a stage and an image", "FROM a AS b\nCOPY --from=b --chown=1:1 /x /y\nCOPY --from=nginx /x /y\n",
			"FROM/keyword a/type AS/keyword b/namespace+declaration COPY/keyword --from/parameter =/operator b/namespace --chown/parameter =/operator 1:1/string COPY/keyword --from/parameter =/operator nginx/type"},
		{"mount", "FROM a AS b\nRUN --mount=type=cache,target=/c --mount=from=b,source=/s go build $X\n",
			"FROM/keyword a/type AS/keyword b/namespace+declaration RUN/keyword --mount/parameter =/operator type/property =/operator cache/string target/property =/operator /c/string --mount/parameter =/operator from/property =/operator b/namespace source/property =/operator /s/string $X/variable"},
		{"arg env label", "ARG V=1\nFROM a\nENV A=\"x $V\" B=2\nLABEL k=v\n",
			"ARG/keyword V/variable+declaration =/operator 1/string FROM/keyword a/type ENV/keyword A/variable+declaration =/operator \"x /string $V/variable \"/string B/variable+declaration =/operator 2/string LABEL/keyword k/property =/operator v/string"},
		{"legacy env", "FROM a\nENV A some value\n", "FROM/keyword a/type ENV/keyword A/variable+declaration some value/string"},
		{"single quotes are literal", "FROM a\nRUN echo '$A' \"$B\" ${C:-x} $1\n", "FROM/keyword a/type RUN/keyword $B/variable ${C:-x}/variable"},
		{"json", "FROM a\nCMD [\"a\", \"b\"]\n", "FROM/keyword a/type CMD/keyword \"a\"/string \"b\"/string"},
		{"comments and continuations", "# c\nFROM a\nRUN x \\\n  # inner $X\n  && y\n", "# c/comment FROM/keyword a/type RUN/keyword \\/operator # inner $X/comment"},
		{"heredoc", "FROM a\nRUN <<EOF\necho $A\nEOF\n", "FROM/keyword a/type RUN/keyword <<EOF/operator EOF/operator"},
		{"directives", "# syntax=docker/dockerfile:1\nFROM a\n", "# /comment syntax/macro =/operator docker/dockerfile:1/string FROM/keyword a/type"},
		{"expose healthcheck onbuild maintainer", "FROM a\nEXPOSE 80/tcp 8080-8090\nHEALTHCHECK --retries=3 CMD curl x\nONBUILD COPY --from=a x y\nMAINTAINER me\n",
			"FROM/keyword a/type EXPOSE/keyword 80/number 8080-8090/number HEALTHCHECK/keyword --retries/parameter =/operator 3/number CMD/keyword ONBUILD/keyword COPY/keyword --from/parameter =/operator a/type MAINTAINER/keyword+deprecated"},
		{"value across a continuation", "FROM a\nENV A=x\\\ny\n", "FROM/keyword a/type ENV/keyword A/variable+declaration =/operator x/string \\/operator y/string"},
		{"escape backtick", "# escape=`\nFROM a\nRUN echo `$A $B\n", "# /comment escape/macro =/operator `/string FROM/keyword a/type RUN/keyword $B/variable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := model.Build(syntax.Parse(tt.in))
			if got := render(tt.in, tokens.Full(m)); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestInRange(t *testing.T) {
	text := "FROM a\nRUN $X\nCOPY $Y /z\n"
	m := model.Build(syntax.Parse(text))
	start := strings.Index(text, "RUN")
	got := render(text, tokens.InRange(m, syntax.Range{Start: start, End: start + 6}))
	if want := "RUN/keyword $X/variable"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestCorpus: tokens are sorted, disjoint, non-empty and on one line, on
// every real file.
func TestCorpus(t *testing.T) {
	for _, path := range corpus.Files(t, "real") {
		text := corpus.Read(t, path)
		m := model.Build(syntax.Parse(text))
		last := 0
		for _, tok := range tokens.Full(m) {
			if tok.Start < last || tok.End <= tok.Start || tok.End > len(text) || strings.ContainsAny(text[tok.Start:tok.End], "\r\n") {
				t.Fatalf("%s: bad token %+v %q", path, tok, text[max(0, tok.Start):min(len(text), tok.End)])
			}
			last = tok.End
		}
	}
}

func BenchmarkFull(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&sb, "FROM golang:1.22 AS s%d\nARG V=%d\nRUN --mount=type=cache,target=/root/.cache go build \\\n  -o /out/$V ./...\nCOPY --from=s%d /a /b\n", i, i, i)
	}
	m := model.Build(syntax.Parse(sb.String()))
	for b.Loop() {
		tokens.Full(m)
	}
}
