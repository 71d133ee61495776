package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

func TestDocumentLinkLSP(t *testing.T) {
	s, text, _ := openAt(t, `{}`, "<|>ARG V=1\nFROM golang:$V AS build\nFROM ghcr.io/owner/tool:1 AS tool\nFROM build\nCOPY --from=tool /t /t\nCOPY --chown=\"😀\" --from=quay.io/o/n:2 /n /n\nFROM gcr.io/distroless/static-debian12\n")
	var links []struct {
		Range   lsptest.Range `json:"range"`
		Target  string        `json:"target"`
		Tooltip string        `json:"tooltip"`
	}
	if err := s.Call(testContext(t), "textDocument/documentLink", map[string]any{"textDocument": map[string]any{"uri": docURI}}, &links); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range links {
		got = append(got, fmt.Sprintf("%s %s", textOf(text, l.Range), l.Target))
	}
	want := []string{
		"ghcr.io/owner/tool:1 https://ghcr.io/owner/tool",
		"quay.io/o/n:2 https://quay.io/repository/o/n",
		"gcr.io/distroless/static-debian12 https://gcr.io/distroless/static-debian12",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(links) > 0 && links[0].Tooltip != "ghcr.io/owner/tool:1" {
		t.Errorf("tooltip %q", links[0].Tooltip)
	}
}
