package server

import (
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/tokens"
	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

const tokenCaps = `{"textDocument":{"semanticTokens":{"requests":{"full":true,"range":true},"tokenTypes":["keyword"],"tokenModifiers":[],"formats":["relative"]}}}`

// decodeTokens turns the relative encoding back into "text/type" strings.
func decodeTokens(text string, data []int) string {
	var out []string
	line, char := 0, 0
	for i := 0; i+5 <= len(data); i += 5 {
		if data[i] > 0 {
			line, char = line+data[i], data[i+1]
		} else {
			char += data[i+1]
		}
		r := lsptest.Range{Start: lsptest.Position{Line: line, Character: char}, End: lsptest.Position{Line: line, Character: char + data[i+2]}}
		out = append(out, textOf(text, r)+"/"+tokens.Types[data[i+3]])
	}
	return strings.Join(out, " ")
}

func TestSemanticTokensLSP(t *testing.T) {
	s := newSession(t, Options{DiagnosticsDelay: -1})
	res := s.initialize(t, tokenCaps, nil)
	provider, ok := res["capabilities"].(map[string]any)["semanticTokensProvider"].(map[string]any)
	if !ok || provider["full"] != true || provider["range"] != true {
		t.Fatalf("semanticTokensProvider = %v", res["capabilities"].(map[string]any)["semanticTokensProvider"])
	}
	text := "FROM a AS b\nENV X=\"😀\" Y=$X\nCOPY --from=b /a /b\n"
	s.open(t, docURI, text)
	var full struct {
		Data []int `json:"data"`
	}
	if err := s.Call(testContext(t), "textDocument/semanticTokens/full", map[string]any{"textDocument": map[string]any{"uri": docURI}}, &full); err != nil {
		t.Fatal(err)
	}
	want := `FROM/keyword a/type AS/keyword b/namespace ENV/keyword X/variable =/operator "😀"/string Y/variable =/operator $X/variable COPY/keyword --from/parameter =/operator b/namespace`
	if got := decodeTokens(text, full.Data); got != want {
		t.Errorf("full:\n%s\nwant:\n%s", got, want)
	}
	var part struct {
		Data []int `json:"data"`
	}
	err := s.Call(testContext(t), "textDocument/semanticTokens/range", map[string]any{"textDocument": map[string]any{"uri": docURI},
		"range": map[string]any{"start": pos(2, 0), "end": pos(3, 0)}}, &part)
	if err != nil {
		t.Fatal(err)
	}
	if got := decodeTokens(text, part.Data); got != "COPY/keyword --from/parameter =/operator b/namespace" {
		t.Errorf("range: %s", got)
	}
}

func TestSemanticTokensNotAdvertised(t *testing.T) {
	s := newSession(t, Options{DiagnosticsDelay: -1})
	res := s.initialize(t, `{}`, nil)
	if p, has := res["capabilities"].(map[string]any)["semanticTokensProvider"]; has {
		t.Errorf("advertised to a client without semantic tokens: %v", p)
	}
}
