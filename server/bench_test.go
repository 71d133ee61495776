package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/filekind"
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
	s.docs.set(uri, scannedDocument(uri, 1, text))
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
	if got := s.docs.get(uri).snapshot().File.Text; len(got) != len(text) && len(got) != len(text)+1 {
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
		if _, err := s.encodeTokens(context.Background(), f, toks); err != nil {
			b.Fatal(err)
		}
	}
}

// benchServer is a server with one document open, for benchmarks that call
// handlers directly.
func benchServer(b *testing.B, enc encoding, text string) (*Server, protocol.TextDocumentIdentifier) {
	s := New(Options{DiagnosticsDelay: time.Hour})
	s.ctx, s.stop = context.WithCancel(context.Background())
	b.Cleanup(s.stop)
	s.client.enc = enc
	const uri = "file:///bench/Dockerfile"
	s.docs.set(uri, scannedDocument(uri, 1, text))
	return s, protocol.TextDocumentIdentifier{URI: uri}
}

// BenchmarkSemanticTokensFullLarge is textDocument/semanticTokens/full on a
// 740 KB file (the real corpus end to end), UTF-16 columns, a fresh snapshot
// each time as after an edit.
func BenchmarkSemanticTokensFullLarge(b *testing.B) {
	text := corpus.Big(b, 740<<10)
	s, doc := benchServer(b, encUTF16, text)
	b.ResetTimer()
	for i := range b.N {
		s.docs.set(doc.URI, scannedDocument(doc.URI, int32(i+2), text))
		if _, err := s.semanticTokensFull(context.Background(), &protocol.SemanticTokensParams{TextDocument: doc}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCodeActionLarge is textDocument/codeAction in the middle of a
// 740 KB file, findings included (a fresh snapshot each time, so nothing
// is cached).
func BenchmarkCodeActionLarge(b *testing.B) {
	text := corpus.Big(b, 740<<10)
	s, doc := benchServer(b, encUTF16, text)
	line := uint32(strings.Count(text, "\n") / 2)
	b.ResetTimer()
	for i := range b.N {
		s.docs.set(doc.URI, scannedDocument(doc.URI, int32(i+2), text))
		at := protocol.Position{Line: line}
		if _, err := s.codeAction(context.Background(), &protocol.CodeActionParams{TextDocument: doc, Range: protocol.Range{Start: at, End: at}}); err != nil {
			b.Fatal(err)
		}
	}
}

// scannedDocument is an open document whose snapshot is already built.
func scannedDocument(u uri.URI, version int32, text string) *openDocument {
	return &openDocument{uri: u, version: version, kind: filekind.Dockerfile, text: text,
		doc: &Document{URI: u, Version: version, Kind: filekind.Dockerfile, File: syntax.Parse(text)}}
}
