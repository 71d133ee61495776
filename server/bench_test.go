package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/tokens"
)

// BenchmarkDidChange measures what a keystroke costs on the read goroutine
// in a 2,000-line, 20-stage file: position conversion, the incremental
// update and scheduling the (debounced) analysis.
func BenchmarkDidChange(b *testing.B) {
	var sb strings.Builder
	for i := range 20 {
		fmt.Fprintf(&sb, "FROM golang:1.22 AS stage%02d\n", i)
		for j := range 49 {
			fmt.Fprintf(&sb, "RUN echo \"step %d of stage %d\" \\\n    && touch /tmp/%d\n", j, i, j)
		}
	}
	text := sb.String()
	if n := strings.Count(text, "\n"); n < 1980 {
		b.Fatalf("only %d lines", n)
	}
	s := New(Options{DiagnosticsDelay: time.Hour})
	s.ctx, s.stop = context.WithCancel(context.Background())
	defer s.stop()
	const uri = "file:///bench/Dockerfile"
	s.docs.set(uri, &Document{URI: uri, Version: 1, File: syntax.Parse(text)})
	at := protocol.Position{Line: 1000, Character: 9}
	params := func(version int32, end uint32, insert string) *protocol.DidChangeTextDocumentParams {
		return &protocol.DidChangeTextDocumentParams{
			TextDocument: protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uri}, Version: version},
			ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangePartial{
				Range: protocol.Range{Start: at, End: protocol.Position{Line: at.Line, Character: end}}, Text: insert}},
		}
	}
	insert, remove := params(0, at.Character, "x"), params(0, at.Character+1, "")
	b.ResetTimer()
	for i := range b.N {
		p := insert
		if i%2 == 1 {
			p = remove
		}
		p.TextDocument.Version = int32(i + 2)
		s.didChange(context.Background(), p)
	}
	b.StopTimer()
	if got := s.docs.get(uri).File.Text; len(got) != len(text) && len(got) != len(text)+1 {
		b.Fatalf("text length %d after the edits, started at %d", len(got), len(text))
	}
}

// BenchmarkSemanticTokensLongLineUTF16 encodes the tokens of one 120 KB RUN
// line holding 40,000 variable references in UTF-16 columns, the encoding
// that needs counting.
func BenchmarkSemanticTokensLongLineUTF16(b *testing.B) {
	text := "FROM alpine\nRUN echo é" + strings.Repeat(" $A", 40000) + "\n"
	s := New(Options{})
	s.client.enc = encUTF16
	f := syntax.Parse(text)
	toks := tokens.Full(model.Build(f))
	if len(toks) < 40000 {
		b.Fatalf("only %d tokens", len(toks))
	}
	b.ResetTimer()
	for range b.N {
		s.encodeTokens(f, toks)
	}
}
