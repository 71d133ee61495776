package server

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
)

// The stage refactorings of analysis/refactor as code actions: split into
// build and runtime stages, name a stage, add a test stage, extract
// instructions into a stage (refactor.rewrite, refactor.extract), and use a
// runtime image for the final stage (quickfix).
//
// textDocument/codeAction belongs to codeaction.go; it calls refactorActions
// for the actions that are not fixes of a finding. A client that resolves
// code action edits gets the actions without edits and a codeAction/resolve
// computes them.

func init() {
	handleRequest(protocol.MethodCodeActionResolve, (*Server).resolveCodeAction)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		opts, ok := c.CodeActionProvider.(*protocol.CodeActionOptions)
		if !ok || opts == nil {
			return // a client without literal support gets commands
		}
		for _, k := range []protocol.CodeActionKind{protocol.CodeActionKindRefactorRewrite, protocol.CodeActionKindRefactorExtract} {
			if !slices.Contains(opts.CodeActionKinds, k) {
				opts.CodeActionKinds = append(opts.CodeActionKinds, k)
			}
		}
		if resolvesEdits(client) {
			opts.ResolveProvider = ptr(true)
		}
	})
}

// resolvesEdits reports whether the client can fill in a code action's edit
// later with codeAction/resolve.
func resolvesEdits(c *clientCaps) bool {
	td := c.Raw.TextDocument
	if td == nil || td.CodeAction == nil || !c.CodeActionLiterals || !isTrue(td.CodeAction.DataSupport) {
		return false
	}
	return slices.Contains(td.CodeAction.ResolveSupport.Properties, "edit")
}

// snippetEdits reports whether workspace edits may carry snippets.
func snippetEdits(c *clientCaps) bool {
	ws := c.Raw.Workspace
	return c.DocumentChanges && ws != nil && ws.WorkspaceEdit != nil && isTrue(ws.WorkspaceEdit.SnippetEditSupport)
}

// refactorData travels in CodeAction.data between codeAction and resolve.
type refactorData struct {
	URI     uri.URI        `json:"uri"`
	Version int32          `json:"version"`
	Range   protocol.Range `json:"range"`
	ID      string         `json:"id"`
}

// refactorActions lists the refactorings at the requested range that pass
// the request's only filter.
func (s *Server) refactorActions(ctx context.Context, doc *Document, p *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	out := []protocol.CommandOrCodeAction{}
	sel := s.client.enc.byteRange(doc.File, p.Range)
	lazy := resolvesEdits(s.client)
	var acts []refactor.Action
	if lazy {
		acts = refactor.Offered(doc.File, doc.Model(), sel)
	} else {
		acts = refactor.Actions(doc.File, doc.Model(), sel)
	}
	for _, a := range acts {
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		kind := protocol.CodeActionKind(a.Kind)
		if !wants(p.Context.Only, kind) {
			continue
		}
		if !s.client.CodeActionLiterals {
			arg, err := protocol.Marshal(s.refactorEdit(doc, a))
			if err != nil {
				return nil, err
			}
			out = append(out, &protocol.Command{Title: a.Title, Command: applyFixCommand, Arguments: []protocol.LSPAny{arg}})
			continue
		}
		ca := &protocol.CodeAction{Title: a.Title, Kind: &kind, Diagnostics: resolvedBy(a, p.Context.Diagnostics)}
		if a.Preferred {
			ca.IsPreferred = ptr(true)
		}
		if lazy {
			data, err := json.Marshal(refactorData{URI: doc.URI, Version: doc.Version, Range: p.Range, ID: a.ID})
			if err != nil {
				return nil, err
			}
			ca.Data = data
		} else {
			ca.Edit = s.refactorEdit(doc, a)
		}
		out = append(out, ca)
	}
	return out, nil
}

// answers lists the rules whose findings a refactoring resolves.
var answers = map[string][]string{
	"split":       {"SingleStageBuild", "FinalStageBuildImage"},
	"use-runtime": {"FinalStageBuildImage"},
}

// resolvedBy are the diagnostics of the request that the action resolves, so
// that editors offer it on them.
func resolvedBy(a refactor.Action, diags []protocol.Diagnostic) []protocol.Diagnostic {
	var out []protocol.Diagnostic
	for _, d := range diags {
		code, _ := d.Code.(protocol.String)
		if slices.Contains(answers[a.ID], string(code)) {
			out = append(out, d)
		}
	}
	return out
}

// resolveCodeAction computes the edit of a refactoring offered lazily.
func (s *Server) resolveCodeAction(ctx context.Context, ca *protocol.CodeAction) (*protocol.CodeAction, error) {
	var data refactorData
	if len(ca.Data) == 0 || json.Unmarshal(ca.Data, &data) != nil || data.ID == "" {
		return ca, nil // not one of ours: nothing to resolve
	}
	doc, ok := s.document(ctx, data.URI)
	if !ok || doc.Version != data.Version {
		return nil, jsonrpc2.NewError(jsonrpc2.Code(-32801), "the document changed since the code action was offered") // ContentModified
	}
	a, ok := refactor.Resolve(doc.File, doc.Model(), s.client.enc.byteRange(doc.File, data.Range), data.ID)
	if !ok {
		return nil, jsonrpc2.NewError(jsonrpc2.Code(-32801), "the refactoring no longer applies")
	}
	ca.Edit = s.refactorEdit(doc, a)
	return ca, nil
}

// refactorEdit is the action's workspace edit; placeholders become snippet
// tab stops when the client takes snippet edits.
func (s *Server) refactorEdit(doc *Document, a refactor.Action) *protocol.WorkspaceEdit {
	if len(a.Placeholders) == 0 || !snippetEdits(s.client) {
		return s.workspaceEdit(doc, a.Edits)
	}
	edit := s.workspaceEdit(doc, a.Edits)
	tde := edit.DocumentChanges[0].(*protocol.TextDocumentEdit)
	for i, e := range a.Edits {
		var phs []refactor.Placeholder
		for _, p := range a.Placeholders {
			if p.Edit == i {
				phs = append(phs, p)
			}
		}
		if len(phs) == 0 {
			continue
		}
		tde.Edits[i] = &protocol.SnippetTextEdit{
			Range:   s.client.enc.rangeOf(doc.File, e.Range),
			Snippet: protocol.StringValue{Kind: "snippet", Value: snippet(e, phs)},
		}
	}
	return edit
}

// snippet writes an edit's text as a snippet whose placeholders are tab
// stops, everything else escaped.
func snippet(e analysis.Edit, phs []refactor.Placeholder) string {
	var b strings.Builder
	pos := 0
	for i, p := range phs {
		b.WriteString(escapeSnippet(e.NewText[pos:p.Start]))
		b.WriteString("${" + string(rune('1'+i)) + ":" + escapeSnippet(e.NewText[p.Start:p.End]) + "}")
		pos = p.End
	}
	b.WriteString(escapeSnippet(e.NewText[pos:]))
	return b.String()
}

func escapeSnippet(s string) string {
	return strings.NewReplacer(`\`, `\\`, `$`, `\$`, `}`, `\}`).Replace(s)
}
