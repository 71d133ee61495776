package server

import (
	"context"
	"errors"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/navigate"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Navigation: definition, references, documentHighlight, prepareRename and
// rename, for stage names, ARG/ENV variables and heredoc delimiters. The
// answers come from analysis/navigate; this file converts positions.
func init() {
	handleRequest(protocol.MethodTextDocumentDefinition, (*Server).definition)
	handleRequest(protocol.MethodTextDocumentReferences, (*Server).references)
	handleRequest(protocol.MethodTextDocumentDocumentHighlight, (*Server).documentHighlight)
	handleRequest(protocol.MethodTextDocumentPrepareRename, (*Server).prepareRename)
	handleRequest(protocol.MethodTextDocumentRename, (*Server).rename)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		c.DefinitionProvider = protocol.Boolean(true)
		c.ReferencesProvider = protocol.Boolean(true)
		c.DocumentHighlightProvider = protocol.Boolean(true)
		// RenameOptions (with prepareProvider) only for clients that said
		// they send prepareRename.
		if td := client.Raw.TextDocument; td != nil && td.Rename != nil && isTrue(td.Rename.PrepareSupport) {
			c.RenameProvider = &protocol.RenameOptions{PrepareProvider: ptr(true)}
		} else {
			c.RenameProvider = protocol.Boolean(true)
		}
	})
}

// navigation returns the symbol index of a document and the byte offset of pos.
func (s *Server) navigation(ctx context.Context, td protocol.TextDocumentIdentifier, pos protocol.Position) (*Document, *navigate.Index, int, bool) {
	doc, ok := s.document(ctx, td.URI)
	if !ok {
		return nil, nil, 0, false
	}
	off := s.client.enc.offset(doc.File.Text, doc.File.Lines(), pos)
	return doc, navigate.For(doc.Model()), off, true
}

func (s *Server) location(doc *Document, r syntax.Range) protocol.Location {
	return protocol.Location{URI: doc.URI, Range: s.client.enc.rangeOf(doc.File, r)}
}

func (s *Server) definition(ctx context.Context, p *protocol.DefinitionParams) (protocol.DefinitionResult, error) {
	if res, ok := s.targetsDefinition(ctx, p); ok {
		return res, nil
	}
	out := protocol.LocationSlice{}
	doc, x, off, ok := s.navigation(ctx, p.TextDocument, p.Position)
	if !ok {
		return out, nil
	}
	for _, r := range x.Definition(off) {
		out = append(out, s.location(doc, r))
	}
	return out, nil
}

func (s *Server) references(ctx context.Context, p *protocol.ReferenceParams) ([]protocol.Location, error) {
	out := []protocol.Location{}
	doc, x, off, ok := s.navigation(ctx, p.TextDocument, p.Position)
	if !ok {
		return out, nil
	}
	for _, r := range x.References(off, p.Context.IncludeDeclaration) {
		out = append(out, s.location(doc, r))
	}
	for _, r := range s.stageTargets(ctx, p.TextDocument.URI, x, off) {
		out = append(out, s.fileLocation(ctx, r.File, r.Text, r.Range))
	}
	return out, nil
}

func (s *Server) documentHighlight(ctx context.Context, p *protocol.DocumentHighlightParams) ([]protocol.DocumentHighlight, error) {
	out := []protocol.DocumentHighlight{}
	doc, x, off, ok := s.navigation(ctx, p.TextDocument, p.Position)
	if !ok {
		return out, nil
	}
	for _, h := range x.Highlights(off) {
		kind := protocol.DocumentHighlightKindText
		switch h.Kind {
		case navigate.HighlightRead:
			kind = protocol.DocumentHighlightKindRead
		case navigate.HighlightWrite:
			kind = protocol.DocumentHighlightKindWrite
		}
		out = append(out, protocol.DocumentHighlight{Range: s.client.enc.rangeOf(doc.File, h.Range), Kind: kind})
	}
	return out, nil
}

// requestFailed is LSP's code for a request that was valid but could not be
// carried out; clients show its message to the user.
const requestFailed jsonrpc2.Code = -32803

// prepareRename answers null where nothing can be renamed (keywords, paths,
// blanks) and an error with the reason where something is there but cannot
// be renamed (an image, a stage index, a predefined build argument).
func (s *Server) prepareRename(ctx context.Context, p *protocol.PrepareRenameParams) (protocol.PrepareRenameResult, error) {
	doc, x, off, ok := s.navigation(ctx, p.TextDocument, p.Position)
	if !ok {
		return nil, nil
	}
	r, placeholder, err := x.PrepareRename(off)
	if err != nil {
		if _, there := x.At(off); !there {
			return nil, nil
		}
		return nil, renameError(err)
	}
	return &protocol.PrepareRenamePlaceholder{Range: s.client.enc.rangeOf(doc.File, r), Placeholder: placeholder}, nil
}

func (s *Server) rename(ctx context.Context, p *protocol.RenameParams) (*protocol.WorkspaceEdit, error) {
	doc, x, off, ok := s.navigation(ctx, p.TextDocument, p.Position)
	if !ok {
		return nil, jsonrpc2.Errorf(requestFailed, "the document is not open")
	}
	edits, err := x.Rename(off, p.NewName)
	if err != nil {
		return nil, renameError(err)
	}
	edit := s.workspaceEdit(doc, edits)
	// Compose and Bake files that build the stage as a target follow it.
	byFile := map[string][]protocol.TextEdit{}
	var files []string
	for _, r := range s.stageTargets(ctx, p.TextDocument.URI, x, off) {
		loc := s.fileLocation(ctx, r.File, r.Text, r.Range)
		if _, seen := byFile[r.File]; !seen {
			files = append(files, r.File)
		}
		byFile[r.File] = append(byFile[r.File], protocol.TextEdit{Range: loc.Range, NewText: p.NewName})
	}
	for _, f := range files {
		s.addFileEdits(ctx, edit, f, byFile[f])
	}
	return edit, nil
}

func renameError(err error) error {
	var re *navigate.RenameError
	if errors.As(err, &re) {
		return jsonrpc2.NewError(requestFailed, re.Msg)
	}
	return err
}
