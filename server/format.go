package server

import (
	"context"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/format"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Formatting of the document, a range, and on typing a newline or a space.
// Indentation follows the client's tabSize/insertSpaces; the
// "format": {"keepIndent": true} setting leaves continuation lines as written.
func init() {
	handleRequest(protocol.MethodTextDocumentFormatting, (*Server).formatting)
	handleRequest(protocol.MethodTextDocumentRangeFormatting, (*Server).rangeFormatting)
	handleRequest(protocol.MethodTextDocumentOnTypeFormatting, (*Server).onTypeFormatting)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		c.DocumentFormattingProvider = protocol.Boolean(true)
		c.DocumentRangeFormattingProvider = protocol.Boolean(true)
		c.DocumentOnTypeFormattingProvider = protocol.DocumentOnTypeFormattingOptions{
			FirstTriggerCharacter: format.TriggerCharacters[0],
			MoreTriggerCharacter:  format.TriggerCharacters[1:],
		}
	})
}

// formatSettings are the user's formatting choices (settings key "format").
type formatSettings struct {
	KeepIndent bool `json:"keepIndent"`
}

// formatOptions combines the request's options with the user's settings.
func (s *Server) formatOptions(o protocol.FormattingOptions) format.Options {
	opt := format.Options{TabWidth: int(o.TabSize), Indent: "\t"}
	if o.InsertSpaces {
		opt.Indent = strings.Repeat(" ", max(1, min(int(o.TabSize), 16)))
	}
	if cfg := s.config.Load(); cfg != nil {
		opt.KeepIndent = cfg.Format.KeepIndent
	}
	return opt
}

func (s *Server) textEdits(f *syntax.File, edits []analysis.Edit) []protocol.TextEdit {
	out := make([]protocol.TextEdit, 0, len(edits))
	for _, e := range edits {
		out = append(out, protocol.TextEdit{Range: s.client.enc.rangeOf(f, e.Range), NewText: e.NewText})
	}
	return out
}

func (s *Server) formatting(ctx context.Context, p *protocol.DocumentFormattingParams) ([]protocol.TextEdit, error) {
	doc, ok := s.document(ctx, p.TextDocument.URI)
	if !ok {
		return []protocol.TextEdit{}, nil
	}
	edits := format.Document(doc.File, s.formatOptions(p.Options))
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.textEdits(doc.File, edits), nil
}

func (s *Server) rangeFormatting(ctx context.Context, p *protocol.DocumentRangeFormattingParams) ([]protocol.TextEdit, error) {
	doc, ok := s.document(ctx, p.TextDocument.URI)
	if !ok {
		return []protocol.TextEdit{}, nil
	}
	r := s.client.enc.byteRange(doc.File, p.Range)
	return s.textEdits(doc.File, format.Range(doc.File, r, s.formatOptions(p.Options))), nil
}

func (s *Server) onTypeFormatting(ctx context.Context, p *protocol.DocumentOnTypeFormattingParams) ([]protocol.TextEdit, error) {
	doc, ok := s.document(ctx, p.TextDocument.URI)
	if !ok {
		return []protocol.TextEdit{}, nil
	}
	off := s.client.enc.offset(doc.File.Text, doc.File.Lines(), p.Position)
	return s.textEdits(doc.File, format.OnType(doc.File, off, p.Ch, s.formatOptions(p.Options))), nil
}
