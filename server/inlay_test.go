package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

func TestInlayHintLSP(t *testing.T) {
	const caps = `{"textDocument": {"inlayHint": {}}}`
	t.Run("capabilities", func(t *testing.T) {
		s := newSession(t, Options{})
		if c := s.initialize(t, caps, nil)["capabilities"].(map[string]any); c["inlayHintProvider"] != true {
			t.Errorf("inlayHintProvider = %v", c["inlayHintProvider"])
		}
		s2 := newSession(t, Options{})
		if c := s2.initialize(t, `{}`, nil)["capabilities"].(map[string]any); c["inlayHintProvider"] != nil {
			t.Errorf("inlayHintProvider = %v for a client without inlay hints", c["inlayHintProvider"])
		}
	})
	s, _, _ := openAt(t, caps, "<|>ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION} AS build\nFROM alpine:3.20\nFROM \"é\" debian:12\n")
	call := func(r lsptest.Range) string {
		var hints []struct {
			Position    lsptest.Position `json:"position"`
			Label       string           `json:"label"`
			Kind        int              `json:"kind"`
			PaddingLeft bool             `json:"paddingLeft"`
		}
		params := map[string]any{"textDocument": map[string]any{"uri": docURI}, "range": r}
		if err := s.Call(testContext(t), "textDocument/inlayHint", params, &hints); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range hints {
			out = append(out, fmt.Sprintf("%d:%d %s", h.Position.Line, h.Position.Character, h.Label))
			if !h.PaddingLeft {
				t.Errorf("hint %q without padding", h.Label)
			}
		}
		return strings.Join(out, ", ")
	}
	all := lsptest.Range{End: lsptest.Position{Line: 10}}
	// Line 3's base is after a two-byte é, one UTF-16 unit: column 18, not 19.
	if got, want := call(all), "1:25 = golang:1.22, 2:16 #1, 3:18 #2"; got != want {
		t.Errorf("hints = %s, want %s", got, want)
	}
	if got, want := call(lsptest.Range{Start: lsptest.Position{Line: 2}, End: lsptest.Position{Line: 2, Character: 20}}), "2:16 #1"; got != want {
		t.Errorf("hints in line 2 = %s, want %s", got, want)
	}
}
