package server

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/selection"
)

// Selection ranges: word → field → flag or argument → arguments →
// instruction → stage → file.
func init() {
	handleRequest(protocol.MethodTextDocumentSelectionRange, (*Server).selectionRange)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		c.SelectionRangeProvider = protocol.Boolean(true)
	})
}

func (s *Server) selectionRange(ctx context.Context, p *protocol.SelectionRangeParams) ([]protocol.SelectionRange, error) {
	out := []protocol.SelectionRange{}
	doc, ok := s.document(ctx, p.TextDocument.URI)
	if !ok {
		return out, nil
	}
	enc := s.client.enc
	m := doc.Model()
	lines := doc.File.Lines()
	for _, pos := range p.Positions {
		off := enc.offset(doc.File.Text, lines, pos)
		chain := selection.Ranges(m, off) // innermost first
		var sel *protocol.SelectionRange
		for i := len(chain) - 1; i >= 0; i-- {
			sel = &protocol.SelectionRange{Range: enc.rangeOf(doc.File, chain[i]), Parent: sel}
		}
		if sel == nil {
			// One answer per position is required: an empty range at it.
			at := enc.position(doc.File.Text, lines, off)
			sel = &protocol.SelectionRange{Range: protocol.Range{Start: at, End: at}}
		}
		out = append(out, *sel)
	}
	return out, nil
}
