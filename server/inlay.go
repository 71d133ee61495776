package server

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/inlay"
)

// Inlay hints show FROM lines' base image with default build arguments and
// the index of unnamed stages. Advertised to clients that ask for them.
func init() {
	handleRequest(protocol.MethodTextDocumentInlayHint, (*Server).inlayHint)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		if td := client.Raw.TextDocument; td != nil && td.InlayHint != nil {
			c.InlayHintProvider = protocol.Boolean(true)
		}
	})
}

func (s *Server) inlayHint(ctx context.Context, p *protocol.InlayHintParams) ([]protocol.InlayHint, error) {
	out := []protocol.InlayHint{}
	doc, ok := s.document(ctx, p.TextDocument.URI)
	if !ok {
		return out, nil
	}
	enc := s.client.enc
	f := doc.File
	for _, h := range inlay.Hints(doc.Model(), enc.byteRange(f, p.Range)) {
		hint := protocol.InlayHint{
			Position:    enc.position(f.Text, f.Lines(), h.Offset),
			Label:       protocol.String(h.Label),
			PaddingLeft: ptr(true),
		}
		if h.Kind == inlay.Value {
			hint.Kind = protocol.InlayHintKindType
		}
		if h.Tooltip != "" {
			hint.Tooltip = protocol.String(h.Tooltip)
		}
		out = append(out, hint)
	}
	return out, nil
}
