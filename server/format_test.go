package server

import (
	"encoding/json"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

type textEdit struct {
	Range   lsptest.Range `json:"range"`
	NewText string        `json:"newText"`
}

// applyEdits applies LSP edits (UTF-16 columns, non-overlapping) to text.
func applyEdits(text string, edits []textEdit) string {
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		start := len(text) - len(textFrom(text, e.Range.Start))
		end := len(text) - len(textFrom(text, e.Range.End))
		text = text[:start] + e.NewText + text[end:]
	}
	return text
}

// textFrom is the text from p to the end.
func textFrom(text string, p lsptest.Position) string {
	before := textOf(text, lsptest.Range{End: p})
	return text[len(before):]
}

func TestFormattingLSP(t *testing.T) {
	const in = "from alpine as build\nrun echo \"😀\"   \\\n  && true\n"
	for _, tc := range []struct {
		name, initOptions string
		options           map[string]any
		want              string
	}{
		{"spaces", `{}`, map[string]any{"tabSize": 2, "insertSpaces": true}, "FROM alpine AS build\nRUN echo \"😀\"   \\\n  && true\n"},
		{"tabs", `{}`, map[string]any{"tabSize": 4, "insertSpaces": false}, "FROM alpine AS build\nRUN echo \"😀\"   \\\n\t&& true\n"},
		{"keep indentation", `{"format":{"keepIndent":true}}`, map[string]any{"tabSize": 4, "insertSpaces": false}, "FROM alpine AS build\nRUN echo \"😀\"   \\\n  && true\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, Options{DiagnosticsDelay: -1})
			var initOptions any
			if tc.initOptions != `{}` {
				initOptions = json.RawMessage(tc.initOptions)
			}
			res := s.initialize(t, `{}`, initOptions)
			caps := res["capabilities"].(map[string]any)
			if caps["documentFormattingProvider"] != true || caps["documentRangeFormattingProvider"] != true || caps["documentOnTypeFormattingProvider"] == nil {
				t.Fatalf("formatting not advertised: %v", caps)
			}
			s.open(t, docURI, in)
			var edits []textEdit
			err := s.Call(testContext(t), "textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": docURI}, "options": tc.options}, &edits)
			if err != nil {
				t.Fatal(err)
			}
			if got := applyEdits(in, edits); got != tc.want {
				t.Errorf("formatted %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRangeAndOnTypeFormattingLSP(t *testing.T) {
	s, _, _ := openAt(t, `{}`, "<|>from a\nrun   b\ncopy  c d\n")
	const in = "from a\nrun   b\ncopy  c d\n"
	opts := map[string]any{"tabSize": 4, "insertSpaces": true}
	var edits []textEdit
	err := s.Call(testContext(t), "textDocument/rangeFormatting", map[string]any{"textDocument": map[string]any{"uri": docURI},
		"range": map[string]any{"start": pos(1, 1), "end": pos(1, 2)}, "options": opts}, &edits)
	if err != nil {
		t.Fatal(err)
	}
	if got := applyEdits(in, edits); got != "from a\nRUN b\ncopy  c d\n" {
		t.Errorf("range formatting gave %q", got)
	}

	// Typing a newline after a continued line: the line is formatted and
	// the new line indented.
	const typed = "FROM a\nrun  b \\\n"
	s.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": docURI, "version": 2},
		"contentChanges": []any{map[string]any{"text": typed}},
	})
	err = s.Call(testContext(t), "textDocument/onTypeFormatting", map[string]any{"textDocument": map[string]any{"uri": docURI},
		"position": pos(2, 0), "ch": "\n", "options": opts}, &edits)
	if err != nil {
		t.Fatal(err)
	}
	if got := applyEdits(typed, edits); got != "FROM a\nRUN b \\\n    " {
		t.Errorf("on-type formatting gave %q", got)
	}
}
