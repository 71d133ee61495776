package server

import (
	"encoding/json"
	"strings"
	"testing"
)

type lspCompletionItem struct {
	Label            string          `json:"label"`
	InsertTextFormat int             `json:"insertTextFormat"`
	Documentation    json.RawMessage `json:"documentation"`
	Data             json.RawMessage `json:"data"`
	TextEdit         struct {
		NewText string `json:"newText"`
	} `json:"textEdit"`
}

func completeAt(t *testing.T, caps, input string) []lspCompletionItem {
	t.Helper()
	s, _, at := openAt(t, caps, input)
	var list struct {
		Items []lspCompletionItem `json:"items"`
	}
	if err := s.Call(testContext(t), "textDocument/completion", posParams(docURI, at), &list); err != nil {
		t.Fatal(err)
	}
	return list.Items
}

func itemNamed(t *testing.T, items []lspCompletionItem, label string) lspCompletionItem {
	t.Helper()
	for _, it := range items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("no %s among %d items", label, len(items))
	return lspCompletionItem{}
}

// TestCompletionSnippets: instruction snippets only for clients that say
// they support them, plain text otherwise.
func TestCompletionSnippets(t *testing.T) {
	const snippets = `{"textDocument":{"completion":{"completionItem":{"snippetSupport":true}}}}`
	it := itemNamed(t, completeAt(t, snippets, "FROM a\nCO<|>"), "COPY")
	if it.InsertTextFormat != 2 || it.TextEdit.NewText != "COPY ${1:src} ${2:dest}" {
		t.Errorf("with snippets: %+v", it)
	}
	it = itemNamed(t, completeAt(t, `{}`, "FROM a\nCO<|>"), "COPY")
	if it.InsertTextFormat != 1 || it.TextEdit.NewText != "COPY " {
		t.Errorf("without snippets: %+v", it)
	}
}

// TestCompletionResolve: documentation comes with completionItem/resolve,
// as Markdown or plain text as the client asks.
func TestCompletionResolve(t *testing.T) {
	for _, tc := range []struct {
		name, caps, kind string
	}{
		{"markdown", `{"textDocument":{"completion":{"completionItem":{"documentationFormat":["markdown","plaintext"]}}}}`, "markdown"},
		{"plain", `{}`, "plaintext"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _, at := openAt(t, tc.caps, "FROM a\nRUN --mount=type=cache,<|>")
			var list struct {
				Items []json.RawMessage `json:"items"`
			}
			if err := s.Call(testContext(t), "textDocument/completion", posParams(docURI, at), &list); err != nil {
				t.Fatal(err)
			}
			var target json.RawMessage
			for _, raw := range list.Items {
				var it lspCompletionItem
				json.Unmarshal(raw, &it)
				if it.Label == "target" {
					target = raw
					if it.Documentation != nil || it.Data == nil {
						t.Errorf("documentation should wait for resolve: %s", raw)
					}
				}
			}
			if target == nil {
				t.Fatal("no target key proposed")
			}
			var resolved struct {
				Documentation struct {
					Kind  string `json:"kind"`
					Value string `json:"value"`
				} `json:"documentation"`
			}
			if err := s.Call(testContext(t), "completionItem/resolve", target, &resolved); err != nil {
				t.Fatal(err)
			}
			doc := resolved.Documentation
			if doc.Kind != tc.kind || !strings.Contains(doc.Value, "/root/.cache/go-build") || (tc.kind == "plaintext") == strings.Contains(doc.Value, "`") {
				t.Errorf("resolved documentation %+v", doc)
			}
		})
	}
}
