package server

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/hover"
)

// Hover explains the instruction, flag, --mount key, directive, stage,
// variable or image under the cursor, in Markdown when the client renders it.
func init() {
	handleRequest(protocol.MethodTextDocumentHover, (*Server).hover)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		c.HoverProvider = protocol.Boolean(true)
	})
}

func (s *Server) hover(ctx context.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	if h, ok := s.targetsHover(ctx, p); ok {
		return h, nil
	}
	if h, ok := s.dockerignoreHover(ctx, p); ok {
		return h, nil
	}
	doc, ok := s.document(ctx, p.TextDocument.URI)
	if !ok {
		return nil, nil
	}
	off := s.client.enc.offset(doc.File.Text, doc.File.Lines(), p.Position)
	// The diagnostics run of this document has walked the context already:
	// this is the cache's copy.
	bctx, _ := s.buildContext(ctx, p.TextDocument.URI)
	res, ok := hover.Hover(doc.Model(), off, hover.Options{
		Markdown: s.client.HoverMarkdown,
		Target:   s.config.Load().Check.Target,
		Path:     check.WorkspacePath(s.ws.roots, fsPath(p.TextDocument.URI)),
		// The build context line (context.go)
		BuildContext: s.contextHoverLine(ctx, p.TextDocument.URI),
		Context:      bctx,
	})
	res, ok = s.withTargetsNote(ctx, doc, off, res, ok)
	if !ok {
		return nil, nil
	}
	r := s.client.enc.rangeOf(doc.File, res.Range)
	return &protocol.Hover{Contents: s.markup(res.Text, s.client.HoverMarkdown), Range: &r}, nil
}
