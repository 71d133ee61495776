// Package targetstest holds what the tests of analysis/targets and its
// packages share: a workspace written from a map, ranges found by text, a
// cursor marker and a Dockerfile with named stages.
package targetstest

import (
	"os"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// MultiStage is a Dockerfile with the named stages build and test and an
// unnamed final stage.
const MultiStage = `FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM build AS test
RUN go test ./...

FROM alpine:3.20
COPY --from=build /out/app /app
`

// ReadFile returns the text of p.
func ReadFile(t testing.TB, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// At is the range of the n-th (0-based) occurrence of needle in text.
func At(t testing.TB, text, needle string, n int) syntax.Range {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], needle)
		if j < 0 {
			t.Fatalf("%q: occurrence %d not in %q", needle, n, text)
		}
		if i == n {
			return syntax.Range{Start: off + j, End: off + j + len(needle)}
		}
		off += j + len(needle)
	}
}

// Cursor removes the ‸ marker from text and returns its offset.
func Cursor(t testing.TB, text string) (string, int) {
	t.Helper()
	i := strings.Index(text, "‸")
	if i < 0 {
		t.Fatal("no ‸ in the text")
	}
	return text[:i] + text[i+len("‸"):], i
}

// Rules lists the rule of each diagnostic, in order.
func Rules(ds []analysis.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Rule)
	}
	return out
}
