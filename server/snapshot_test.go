package server

import (
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// One version, one model and one computation of its facts: the diagnostics
// run (the project's rules and BuildKit's checks) and hover, completion,
// code actions and inlay hints all read what the first of them built.
func TestOneModelPerVersion(t *testing.T) {
	s := newSession(t, Options{DiagnosticsDelay: -1})
	ctx := testContext(t)
	s.initialize(t, `{}`, nil)
	const u = "file:///w/one-model/Dockerfile"
	before, factsBefore := model.Builds(), facts.Computes()
	s.open(t, u, "FROM golang:1.22 AS build\nARG VERSION=1\nRUN go build -o /app .\n\nFROM alpine:3.20\nCOPY --from=build /app /app\nCMD [\"/app\"]\n")
	if _, err := s.NextDiagnostics(ctx, u, nil); err != nil {
		t.Fatal(err)
	}
	td := map[string]any{"uri": u}
	whole := map[string]any{"start": pos(0, 0), "end": pos(7, 0)}
	for _, req := range []struct {
		method string
		params map[string]any
	}{
		{"textDocument/hover", map[string]any{"textDocument": td, "position": pos(5, 14)}},
		{"textDocument/completion", map[string]any{"textDocument": td, "position": pos(5, 12)}},
		{"textDocument/codeAction", map[string]any{"textDocument": td, "range": whole, "context": map[string]any{"diagnostics": []any{}}}},
		{"textDocument/inlayHint", map[string]any{"textDocument": td, "range": whole}},
		{"textDocument/documentHighlight", map[string]any{"textDocument": td, "position": pos(0, 22)}},
	} {
		var got any
		if err := s.Call(ctx, req.method, req.params, &got); err != nil {
			t.Fatalf("%s: %v", req.method, err)
		}
	}
	if n := model.Builds() - before; n != 1 {
		t.Errorf("%d models built for one version, want 1", n)
	}
	if n := facts.Computes() - factsBefore; n != 1 {
		t.Errorf("facts computed %d times for one version, want 1", n)
	}
}
