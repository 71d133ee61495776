package server

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/folding"
)

// Folding ranges: stages, multi-line instructions, heredocs and comment
// blocks, by whole lines (which every client understands).
func init() {
	handleRequest(protocol.MethodTextDocumentFoldingRange, (*Server).foldingRange)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		c.FoldingRangeProvider = protocol.Boolean(true)
	})
}

func (s *Server) foldingRange(ctx context.Context, p *protocol.FoldingRangeParams) ([]protocol.FoldingRange, error) {
	out := []protocol.FoldingRange{}
	doc, ok := s.document(ctx, p.TextDocument.URI)
	if !ok {
		return out, nil
	}
	limit := -1
	if td := s.client.Raw.TextDocument; td != nil && td.FoldingRange != nil && td.FoldingRange.RangeLimit != nil {
		limit = int(*td.FoldingRange.RangeLimit)
	}
	lines := doc.File.Lines()
	for i, r := range folding.Ranges(doc.Model()) {
		if limit >= 0 && len(out) >= limit {
			break
		}
		if i%cancelCheckEvery == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		start, _ := lines.Position(r.Start)
		end, _ := lines.Position(r.End)
		fr := protocol.FoldingRange{StartLine: uint32(start), EndLine: uint32(end), Kind: protocol.FoldingRangeKindRegion}
		if r.Kind == folding.Comment {
			fr.Kind = protocol.FoldingRangeKindComment
		}
		out = append(out, fr)
	}
	return out, nil
}
