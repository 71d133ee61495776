package server

import (
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

func TestSelectionRangeLSP(t *testing.T) {
	s, text, at := openAt(t, `{}`, "FROM a\nRUN --mount=type=ca<|>che,target=/😀 go build\n")
	type selectionRange struct {
		Range  lsptest.Range   `json:"range"`
		Parent *selectionRange `json:"parent"`
	}
	var res []selectionRange
	err := s.Call(testContext(t), "textDocument/selectionRange", map[string]any{
		"textDocument": map[string]any{"uri": docURI},
		"positions":    []any{at, lsptest.Position{Line: 9, Character: 0}},
	}, &res)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Fatalf("%d answers for 2 positions", len(res))
	}
	var got []string
	for r := &res[0]; r != nil; r = r.Parent {
		got = append(got, textOf(text, r.Range))
	}
	want := []string{"cache", "type=cache", "type=cache,target=/😀", "--mount=type=cache,target=/😀",
		"RUN --mount=type=cache,target=/😀 go build", "FROM a\nRUN --mount=type=cache,target=/😀 go build", text}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("chain %q\nwant  %q", got, want)
	}
}
