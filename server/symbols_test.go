package server

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

const symbolsDoc = "ARG V=1\nFROM golang:$V AS build\nENV A=\"😀\" B=2\nRUN go build\nFROM alpine\nMAINTAINER me\nCOPY --from=build /a /b\n"

func TestDocumentSymbolHierarchical(t *testing.T) {
	s, text, _ := openAt(t, `{"textDocument":{"documentSymbol":{"hierarchicalDocumentSymbolSupport":true,"tagSupport":{"valueSet":[1]}}}}`, "<|>"+symbolsDoc)
	type symbol struct {
		Name           string        `json:"name"`
		Kind           int           `json:"kind"`
		Tags           []int         `json:"tags"`
		Range          lsptest.Range `json:"range"`
		SelectionRange lsptest.Range `json:"selectionRange"`
		Children       []symbol      `json:"children"`
	}
	var syms []symbol
	if err := s.Call(testContext(t), "textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": docURI}}, &syms); err != nil {
		t.Fatal(err)
	}
	var lines []string
	var walk func([]symbol, string)
	walk = func(ss []symbol, indent string) {
		for _, sym := range ss {
			lines = append(lines, fmt.Sprintf("%s%s/%d%v <%s>", indent, sym.Name, sym.Kind, sym.Tags, textOf(text, sym.SelectionRange)))
			walk(sym.Children, indent+"  ")
		}
	}
	walk(syms, "")
	want := `ARG/12[] <ARG>
  V/13[] <V>
build/2[] <build>
  ENV/12[] <ENV>
    A/13[] <A>
    B/13[] <B>
  RUN/12[] <RUN>
stage 1/2[] <alpine>
  MAINTAINER/12[1] <MAINTAINER>
  COPY/12[] <COPY>`
	if got := strings.Join(lines, "\n"); got != want {
		t.Errorf("symbols:\n%s\nwant:\n%s", got, want)
	}
	// The UTF-16 range of B comes after the emoji (two code units).
	if b := syms[1].Children[0].Children[1]; textOf(text, b.Range) != "B" {
		t.Errorf("B at %+v", b.Range)
	}
}

func TestDocumentSymbolFlat(t *testing.T) {
	s, _, _ := openAt(t, `{}`, "<|>"+symbolsDoc)
	var raw json.RawMessage
	if err := s.Call(testContext(t), "textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": docURI}}, &raw); err != nil {
		t.Fatal(err)
	}
	var syms []struct {
		Name       string `json:"name"`
		Container  string `json:"containerName"`
		Deprecated bool   `json:"deprecated"`
		Location   struct {
			URI string `json:"uri"`
		} `json:"location"`
		Children json.RawMessage `json:"children"`
	}
	if err := json.Unmarshal(raw, &syms); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, sym := range syms {
		if sym.Location.URI != docURI || sym.Children != nil {
			t.Errorf("not a SymbolInformation: %s", raw)
		}
		got = append(got, fmt.Sprintf("%s@%s%v", sym.Name, sym.Container, sym.Deprecated))
	}
	want := "ARG@false V@ARGfalse build@false ENV@buildfalse A@ENVfalse B@ENVfalse RUN@buildfalse stage 1@false MAINTAINER@stage 1true COPY@stage 1false"
	if strings.Join(got, " ") != want {
		t.Errorf("flat symbols %q\nwant %q", strings.Join(got, " "), want)
	}
}
