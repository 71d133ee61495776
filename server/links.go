package server

import (
	"context"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/links"
)

// Document links open the registry page of each image reference, and the
// build context file each COPY or ADD source names.
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
	all := links.Links(doc.Model())
	bc, _ := s.buildContext(ctx, p.TextDocument.URI)
	all = append(all, links.ContextFiles(doc.Model(), bc)...)
	for _, l := range all {
		target := uri.URI(l.Target)
		if l.Path != "" {
			target = uri.File(l.Path)
		}
		tooltip := l.Tooltip
		out = append(out, protocol.DocumentLink{Range: s.client.enc.rangeOf(doc.File, l.Range), Target: &target, Tooltip: &tooltip})
	}
	return out, nil
}
