package server

import (
	"fmt"
	"strings"
	"testing"
)

func TestFoldingRangeLSP(t *testing.T) {
	s, _, _ := openAt(t, `{}`, "<|># one\n# two\nFROM a AS b\nRUN x \\\n  y\nRUN <<EOF\necho\nEOF\n\nFROM c\n")
	var ranges []struct {
		StartLine int    `json:"startLine"`
		EndLine   int    `json:"endLine"`
		Kind      string `json:"kind"`
	}
	if err := s.Call(testContext(t), "textDocument/foldingRange", map[string]any{"textDocument": map[string]any{"uri": docURI}}, &ranges); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range ranges {
		got = append(got, fmt.Sprintf("%s:%d-%d", r.Kind, r.StartLine, r.EndLine))
	}
	if want := "comment:0-1 region:2-7 region:3-4 region:5-7"; strings.Join(got, " ") != want {
		t.Errorf("folding %q, want %q", strings.Join(got, " "), want)
	}
}
