package server

import (
	"context"
	"path/filepath"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/dockerignore"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/filekind"
)

// .dockerignore documents (recognised by their name: .dockerignore and
// <Dockerfile name>.dockerignore, whatever their languageId) get their own
// diagnostics, hover and completion instead of the Dockerfile features. The
// engine is analysis/dockerignore.

// isDockerignoreDocument reports whether a document is a .dockerignore file.
func isDockerignoreDocument(key uri.URI) bool {
	return filekind.ByName(key.Path()) == filekind.Dockerignore
}

// dockerignoreOwner is the Dockerfile a .dockerignore at path belongs to:
// X for X.dockerignore, the Dockerfile beside a plain .dockerignore.
func dockerignoreOwner(path string) (string, bool) {
	switch name := filepath.Base(path); {
	case name == ".dockerignore":
		return filepath.Join(filepath.Dir(path), "Dockerfile"), true
	case filekind.ByName(name) == filekind.Dockerignore:
		return strings.TrimSuffix(path, ".dockerignore"), true
	}
	return "", false
}

// dockerignoreContext is the build context a .dockerignore document applies
// to, and the Dockerfile it belongs to ("" when that does not exist).
func (s *Server) dockerignoreContext(ctx context.Context, key uri.URI) (*buildcontext.Context, string) {
	if !key.IsFile() {
		return nil, ""
	}
	owner, _ := dockerignoreOwner(fsPath(key))
	choice, ok := s.chooseContext(ctx, owner)
	if filepath.Base(fsPath(key)) == ".dockerignore" {
		// <context>/.dockerignore: its folder is the context.
		choice, ok = contextChoice{Dir: filepath.Dir(fsPath(key))}, s.inWorkspace(filepath.Dir(fsPath(key)))
	}
	if !ok {
		return nil, ""
	}
	if !s.files(ctx).IsFile(owner) {
		owner = ""
	}
	c, err := s.contextCache().Get(ctx, choice.Dir, owner)
	if err != nil {
		return nil, owner
	}
	return c, owner
}

// dockerignoreDiagnostics are the findings of a .dockerignore document.
func (s *Server) dockerignoreDiagnostics(ctx context.Context, key uri.URI, doc *Document) []analysis.Diagnostic {
	c, owner := s.dockerignoreContext(ctx, key)
	if c != nil && c.Ignore.Path == fsPath(key) && c.Ignore.Text != doc.File.Text {
		// Edited since the walk: forget it, analyse again the Dockerfiles
		// it applies to, and judge this text against a walk that reads it.
		s.contextFilesChanged([]string{fsPath(key)})
		c, owner = s.dockerignoreContext(ctx, key)
	}
	return s.config.Load().Check.ApplySeverity(dockerignore.Diagnose(doc.File.Text, c, owner))
}

// dockerignoreHover says what the pattern under the cursor excludes.
func (s *Server) dockerignoreHover(ctx context.Context, p *protocol.HoverParams) (*protocol.Hover, bool) {
	if !isDockerignoreDocument(p.TextDocument.URI) {
		return nil, false
	}
	doc, ok := s.documentOf(ctx, p.TextDocument.URI, filekind.Dockerignore)
	if !ok {
		return nil, true
	}
	off := s.client.enc.offset(doc.File.Text, doc.File.Lines(), p.Position)
	c, _ := s.dockerignoreContext(ctx, p.TextDocument.URI)
	text, at, ok := dockerignore.Hover(doc.File.Text, off, c, s.client.HoverMarkdown)
	if !ok {
		return nil, true
	}
	r := s.client.enc.rangeOf(doc.File, at)
	return &protocol.Hover{Contents: s.markup(text, s.client.HoverMarkdown), Range: &r}, true
}

// dockerignoreCompletion proposes the paths of the build context.
func (s *Server) dockerignoreCompletion(ctx context.Context, p *protocol.CompletionParams) (protocol.CompletionResult, bool) {
	if !isDockerignoreDocument(p.TextDocument.URI) {
		return nil, false
	}
	list := &protocol.CompletionList{Items: []protocol.CompletionItem{}}
	doc, ok := s.documentOf(ctx, p.TextDocument.URI, filekind.Dockerignore)
	if !ok {
		return list, true
	}
	off := s.client.enc.offset(doc.File.Text, doc.File.Lines(), p.Position)
	c, _ := s.dockerignoreContext(ctx, p.TextDocument.URI)
	items, replace := dockerignore.Complete(doc.File.Text, off, c)
	r := s.client.enc.rangeOf(doc.File, replace)
	for _, it := range items {
		kind := protocol.CompletionItemKindFile
		if it.Dir {
			kind = protocol.CompletionItemKindFolder
		}
		list.Items = append(list.Items, protocol.CompletionItem{Label: it.Path, Kind: kind, TextEdit: &protocol.TextEdit{Range: r, NewText: it.Path}})
	}
	return list, true
}
