package server

import (
	"context"
	"slices"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Fixes that touch other files than the analysed one (a .dockerignore to
// create or append to): their edits are grouped by file, each converted to
// positions with that file's own text, and files to create come first as
// CreateFile operations.

// clientCreatesFiles reports whether workspace edits may hold CreateFile
// operations: they live in documentChanges, and the client must list
// "create" among its resource operations.
func clientCreatesFiles(c *clientCaps) bool {
	ws := c.Raw.Workspace
	return c.DocumentChanges && ws != nil && ws.WorkspaceEdit != nil &&
		slices.Contains(ws.WorkspaceEdit.ResourceOperations, protocol.ResourceOperationKindCreate)
}

// fixEdit is the workspace edit of a fix. ok is false when the client
// cannot apply it (it creates a file and the client cannot) or another file
// it edits cannot be read: such a fix is not offered, rather than applied to
// the wrong text.
func (s *Server) fixEdit(ctx context.Context, doc *Document, fix analysis.Fix) (*protocol.WorkspaceEdit, bool) {
	if len(fix.CreateFiles) == 0 && !slices.ContainsFunc(fix.Edits, func(e analysis.Edit) bool { return e.Path != "" }) {
		return s.workspaceEdit(doc, fix.Edits), true
	}
	if len(fix.CreateFiles) > 0 && !clientCreatesFiles(s.client) {
		return nil, false
	}
	edit := &protocol.WorkspaceEdit{}
	created := map[string]bool{}
	for _, p := range fix.CreateFiles {
		created[p] = true
		edit.DocumentChanges = append(edit.DocumentChanges, &protocol.CreateFile{
			Kind:    "create",
			URI:     uri.File(p),
			Options: &protocol.CreateFileOptions{IgnoreIfExists: ptr(true)},
		})
	}
	var paths []string // in order of first edit
	byPath := map[string][]analysis.Edit{}
	for _, e := range fix.Edits {
		if _, seen := byPath[e.Path]; !seen {
			paths = append(paths, e.Path)
		}
		byPath[e.Path] = append(byPath[e.Path], e)
	}
	for _, p := range paths {
		if p == "" {
			own := s.workspaceEdit(doc, byPath[p])
			edit.DocumentChanges = append(edit.DocumentChanges, own.DocumentChanges...)
			for u, es := range own.Changes {
				if edit.Changes == nil {
					edit.Changes = map[uri.URI][]protocol.TextEdit{}
				}
				edit.Changes[u] = append(edit.Changes[u], es...)
			}
			continue
		}
		u, version, text, ok := s.otherFile(ctx, p, created[p])
		if !ok {
			return nil, false
		}
		cols := s.client.enc.columns(text, syntax.NewLineIndex(text))
		var textEdits []protocol.TextEdit
		for _, e := range byPath[p] {
			if e.Range.Start < 0 || e.Range.End > len(text) || e.Range.End < e.Range.Start {
				return nil, false // made for another version of the file
			}
			textEdits = append(textEdits, protocol.TextEdit{Range: cols.rangeOf(e.Range), NewText: e.NewText})
		}
		s.appendEdits(edit, u, version, textEdits)
	}
	return edit, true
}

// otherFile is the URI, version (nil when not open) and text of a file a fix
// edits: the editor's text when it is open, else the disk's, read through
// wsfile within the workspace; empty when the fix creates it.
func (s *Server) otherFile(ctx context.Context, path string, creating bool) (uri.URI, *int32, string, bool) {
	for key, open := range s.openDocumentsAt(ctx) {
		if key.IsFile() && fsPath(key) == path {
			doc := open.snapshot()
			return doc.URI, &doc.Version, doc.File.Text, true
		}
	}
	if creating {
		return uri.File(path), nil, "", true
	}
	text, _, err := s.files(ctx).Read(ctx, path)
	if err != nil {
		s.log.Debug("a fix edits a file that cannot be read", zap.String("path", path), zap.Error(err))
		return "", nil, "", false
	}
	return uri.File(path), nil, text, true
}
