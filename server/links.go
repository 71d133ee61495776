package server

import (
	"context"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/links"
)

// Document links open the registry page of each image reference.
func init() {
	handleRequest(protocol.MethodTextDocumentDocumentLink, (*Server).documentLink)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		c.DocumentLinkProvider = &protocol.DocumentLinkOptions{}
	})
}

func (s *Server) documentLink(ctx context.Context, p *protocol.DocumentLinkParams) ([]protocol.DocumentLink, error) {
	out := []protocol.DocumentLink{}
	doc, ok := s.document(ctx, p.TextDocument.URI)
	if !ok {
		return out, nil
	}
	for _, l := range links.Links(doc.Model()) {
		target := uri.URI(l.Target)
		tooltip := l.Tooltip
		out = append(out, protocol.DocumentLink{Range: s.client.enc.rangeOf(doc.File, l.Range), Target: &target, Tooltip: &tooltip})
	}
	return out, nil
}
