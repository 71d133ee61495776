package server

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/tokens"
)

// Semantic tokens, full and by range, with a legend of standard token types.
// Advertised only to clients that announce semantic token support.
func init() {
	handleRequest(protocol.MethodTextDocumentSemanticTokensFull, (*Server).semanticTokensFull)
	handleRequest(protocol.MethodTextDocumentSemanticTokensRange, (*Server).semanticTokensRange)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		td := client.Raw.TextDocument
		if td == nil || len(td.SemanticTokens.Formats) == 0 && len(td.SemanticTokens.TokenTypes) == 0 {
			return
		}
		c.SemanticTokensProvider = &protocol.SemanticTokensOptions{
			Legend: protocol.SemanticTokensLegend{TokenTypes: tokens.Types, TokenModifiers: tokens.Modifiers},
			Full:   protocol.Boolean(true),
			Range:  protocol.Boolean(true),
		}
	})
}

func (s *Server) semanticTokensFull(ctx context.Context, p *protocol.SemanticTokensParams) (*protocol.SemanticTokens, error) {
	doc, ok := s.document(ctx, p.TextDocument.URI)
	if !ok {
		return &protocol.SemanticTokens{Data: []uint32{}}, nil
	}
	m := doc.Model()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	toks := tokens.Full(m)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.encodeTokens(ctx, doc.File, toks)
}

func (s *Server) semanticTokensRange(ctx context.Context, p *protocol.SemanticTokensRangeParams) (*protocol.SemanticTokens, error) {
	doc, ok := s.document(ctx, p.TextDocument.URI)
	if !ok {
		return &protocol.SemanticTokens{Data: []uint32{}}, nil
	}
	r := s.client.enc.byteRange(doc.File, p.Range)
	return s.encodeTokens(ctx, doc.File, tokens.InRange(doc.Model(), r))
}

// encodeTokens writes the relative five-integer form in the negotiated
// position encoding; the tokens never span lines. It stops early when ctx
// is cancelled.
func (s *Server) encodeTokens(ctx context.Context, f *syntax.File, toks []tokens.Token) (*protocol.SemanticTokens, error) {
	cols := s.client.enc.columns(f.Text, f.Lines())
	data := make([]uint32, 0, 5*len(toks))
	var prevLine, prevChar uint32
	for i, t := range toks {
		if i%cancelCheckEvery == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		start := cols.position(t.Start)
		end := cols.position(t.End)
		if end.Line != start.Line || end.Character <= start.Character {
			continue
		}
		deltaChar := start.Character
		if start.Line == prevLine {
			deltaChar -= prevChar
		}
		data = append(data, start.Line-prevLine, deltaChar, end.Character-start.Character, uint32(t.Type), uint32(t.Mods))
		prevLine, prevChar = start.Line, start.Character
	}
	return &protocol.SemanticTokens{Data: data}, nil
}
