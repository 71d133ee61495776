package server

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/uri"
)

// A Dockerfile feature never runs on another kind of document: every
// request on a Compose file (whose dockerfile_inline holds a Dockerfile a
// refactor would split), a Bake file and a YAML file that is neither
// answers with nothing of a Dockerfile's, at positions where a Dockerfile
// feature would answer.
func TestRequestsOnOtherKinds(t *testing.T) {
	root := t.TempDir()
	s := newSession(t, Options{DiagnosticsDelay: -1})
	ctx := testContext(t)
	s.initializeAt(t, root, `{"textDocument": {"hover": {"contentFormat": ["markdown"]}, "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix", "refactor", "refactor.rewrite"]}}}, "inlayHint": {}}}`)

	inline := "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n"
	docs := []struct{ name, languageID, text string }{
		{"compose.yaml", "yaml", "services:\n  app:\n    build:\n      dockerfile_inline: |\n" + indent(inline, "        ")},
		{"docker-bake.hcl", "hcl", "target \"app\" {\n  dockerfile-inline = <<EOT\n" + inline + "EOT\n}\n"},
		{"values.yaml", "yaml", inline},
	}
	// A Dockerfile with the same text answers every one of these requests.
	dockerfile := string(uri.File(filepath.Join(root, "Dockerfile")))
	s.open(t, dockerfile, inline)

	for _, d := range docs {
		u := string(uri.File(filepath.Join(root, d.name)))
		s.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": u, "languageId": d.languageID, "version": 1, "text": d.text}})
		at := strings.Index(d.text, "FROM golang")
		line := strings.Count(d.text[:at], "\n")
		col := at - strings.LastIndex(d.text[:at], "\n") - 1
		td := map[string]any{"uri": u}
		whole := map[string]any{"start": pos(0, 0), "end": pos(line+5, 0)}
		for _, req := range []struct {
			method string
			params map[string]any
		}{
			{"textDocument/hover", map[string]any{"textDocument": td, "position": pos(line, col+1)}},
			{"textDocument/completion", map[string]any{"textDocument": td, "position": pos(line, col)}},
			{"textDocument/codeAction", map[string]any{"textDocument": td, "range": whole, "context": map[string]any{"diagnostics": []any{}}}},
			{"textDocument/inlayHint", map[string]any{"textDocument": td, "range": whole}},
			{"textDocument/documentSymbol", map[string]any{"textDocument": td}},
			{"textDocument/foldingRange", map[string]any{"textDocument": td}},
			{"textDocument/semanticTokens/full", map[string]any{"textDocument": td}},
			{"textDocument/documentLink", map[string]any{"textDocument": td}},
			{"textDocument/selectionRange", map[string]any{"textDocument": td, "positions": []any{pos(line, col)}}},
			{"textDocument/formatting", map[string]any{"textDocument": td, "options": map[string]any{"tabSize": 4, "insertSpaces": true}}},
			{"textDocument/documentHighlight", map[string]any{"textDocument": td, "position": pos(line, col+6)}},
			{"textDocument/references", map[string]any{"textDocument": td, "position": pos(line, col+6), "context": map[string]any{"includeDeclaration": true}}},
			{"textDocument/codeLens", map[string]any{"textDocument": td}},
		} {
			var got json.RawMessage
			if err := s.Call(ctx, req.method, req.params, &got); err != nil {
				t.Errorf("%s %s: %v", d.name, req.method, err)
				continue
			}
			if !emptyResult(got) {
				t.Errorf("%s %s answered as for a Dockerfile: %s", d.name, req.method, got)
			}
		}
	}
	// The same requests do answer on the Dockerfile (the test would pass
	// vacuously otherwise).
	var actions []struct{ Title string }
	if err := s.Call(ctx, "textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": dockerfile}, "range": map[string]any{"start": pos(0, 0), "end": pos(5, 0)}, "context": map[string]any{"diagnostics": []any{}}}, &actions); err != nil {
		t.Fatal(err)
	}
	split := false
	for _, a := range actions {
		split = split || strings.HasPrefix(a.Title, "Split")
	}
	if !split {
		t.Errorf("the Dockerfile is offered no split: %+v", actions)
	}
}

func indent(text, prefix string) string {
	return prefix + strings.ReplaceAll(strings.TrimSuffix(text, "\n"), "\n", "\n"+prefix) + "\n"
}

// emptyResult reports whether a result says nothing: null, [], or an object
// whose members are all empty (an empty completion list, no tokens).
func emptyResult(raw json.RawMessage) bool {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return false
	}
	var empty func(v any) bool
	empty = func(v any) bool {
		switch v := v.(type) {
		case nil:
			return true
		case bool:
			return !v
		case []any:
			return len(v) == 0
		case map[string]any:
			for _, m := range v {
				if !empty(m) {
					return false
				}
			}
			return true
		}
		return false
	}
	return empty(v)
}
