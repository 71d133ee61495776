package server

import (
	"context"
	"fmt"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/filekind"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// applyFixCommand applies a fix for clients that take only commands, not
// code action literals: the server sends the edit back with
// workspace/applyEdit.
const applyFixCommand = "dockerfile-lsp.applyFix"

func init() {
	handleRequest(protocol.MethodTextDocumentCodeAction, (*Server).codeAction)
	handleCommand(applyFixCommand, (*Server).applyFix)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		// CodeActionOptions are only for clients with literal support.
		if client.CodeActionLiterals {
			c.CodeActionProvider = &protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix},
			}
		} else {
			c.CodeActionProvider = protocol.Boolean(true)
		}
	})
}

// codeAction offers the fixes of the findings that touch the requested
// range, or that the client lists in the context, then the refactors.
func (s *Server) codeAction(ctx context.Context, p *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	actions := []protocol.CommandOrCodeAction{}
	// Compose and Bake documents have fixes, but no refactor applies to them.
	doc, ok := s.documentOf(ctx, p.TextDocument.URI, filekind.Dockerfile, filekind.Compose, filekind.Bake)
	if !ok {
		return actions, nil
	}
	if wants(p.Context.Only, protocol.CodeActionKindQuickFix) {
		quickFixes, err := s.quickFixes(ctx, doc, p)
		if err != nil {
			return nil, err
		}
		actions = append(actions, quickFixes...)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if doc.Kind != filekind.Dockerfile {
		return actions, nil
	}
	refactors, err := s.refactorActions(ctx, doc, p)
	if err != nil {
		return nil, err
	}
	return append(actions, refactors...), nil
}

// quickFixes are the fixes attached to the findings the request names.
func (s *Server) quickFixes(ctx context.Context, doc *Document, p *protocol.CodeActionParams) ([]protocol.CommandOrCodeAction, error) {
	actions := []protocol.CommandOrCodeAction{}
	enc := s.client.enc
	want := enc.byteRange(doc.File, p.Range)
	listed := map[string]bool{} // rule and range of the diagnostics in the context
	for _, d := range p.Context.Diagnostics {
		listed[diagnosticKey(d)] = true
	}
	for _, d := range s.findings(ctx, p.TextDocument.URI, doc) {
		if len(d.Fixes) == 0 {
			continue
		}
		pd := s.toProtocolDiagnostic(doc, d)
		if !touches(d.Range, want) && !listed[diagnosticKey(pd)] {
			continue
		}
		for _, fix := range d.Fixes {
			edit, ok := s.fixEdit(ctx, doc, fix)
			if !ok {
				continue
			}
			if !s.client.CodeActionLiterals {
				arg, err := protocol.Marshal(edit)
				if err != nil {
					return nil, err
				}
				actions = append(actions, &protocol.Command{Title: fix.Title, Command: applyFixCommand, Arguments: []protocol.LSPAny{arg}})
				continue
			}
			action := &protocol.CodeAction{
				Title:       fix.Title,
				Kind:        ptr(protocol.CodeActionKindQuickFix),
				Diagnostics: []protocol.Diagnostic{pd},
				Edit:        edit,
			}
			if fix.Preferred {
				action.IsPreferred = ptr(true)
			}
			actions = append(actions, action)
		}
	}
	return actions, nil
}

// workspaceEdit turns a fix's edits into a workspace edit, versioned when
// the client supports documentChanges so it refuses to apply it to a newer
// text.
func (s *Server) workspaceEdit(doc *Document, edits []analysis.Edit) *protocol.WorkspaceEdit {
	enc := s.client.enc
	textEdits := make([]protocol.TextEdit, 0, len(edits))
	for _, e := range edits {
		textEdits = append(textEdits, protocol.TextEdit{Range: enc.rangeOf(doc.File, e.Range), NewText: e.NewText})
	}
	version := doc.Version
	edit := &protocol.WorkspaceEdit{}
	s.appendEdits(edit, doc.URI, &version, textEdits)
	return edit
}

// appendEdits adds one document's edits to a workspace edit: as versioned
// documentChanges when the client takes them (version nil for a file that
// is not open), else as changes.
func (s *Server) appendEdits(edit *protocol.WorkspaceEdit, u uri.URI, version *int32, edits []protocol.TextEdit) {
	if !s.client.DocumentChanges {
		if edit.Changes == nil {
			edit.Changes = map[uri.URI][]protocol.TextEdit{}
		}
		edit.Changes[u] = append(edit.Changes[u], edits...)
		return
	}
	elems := make([]protocol.TextDocumentEditElement, 0, len(edits))
	for i := range edits {
		elems = append(elems, &edits[i])
	}
	edit.DocumentChanges = append(edit.DocumentChanges, &protocol.TextDocumentEdit{
		TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: version},
		Edits:        elems,
	})
}

// applyFix is the command behind fixes offered as plain commands.
func (s *Server) applyFix(ctx context.Context, args []protocol.LSPAny) (any, error) {
	if len(args) != 1 {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s takes one workspace edit", applyFixCommand)
	}
	var edit protocol.WorkspaceEdit
	if err := protocol.Unmarshal(args[0], &edit); err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: %v", applyFixCommand, err)
	}
	var result protocol.ApplyWorkspaceEditResult
	if err := protocol.Call(ctx, s.conn, protocol.MethodWorkspaceApplyEdit, &protocol.ApplyWorkspaceEditParams{Edit: edit}, &result); err != nil {
		return nil, err
	}
	if !result.Applied {
		reason := "no reason given"
		if result.FailureReason != nil {
			reason = *result.FailureReason
		}
		return nil, jsonrpc2.Errorf(jsonrpc2.Code(protocol.LSPErrorCodesRequestFailed), "the editor did not apply the fix: %s", reason)
	}
	return nil, nil
}

// wants reports whether a code action kind passes the request's only filter:
// a kind matches itself and its parents ("quickfix" matches "quickfix.x").
func wants(only []protocol.CodeActionKind, kind protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == "" || k == kind || strings.HasPrefix(string(kind), string(k)+".") {
			return true
		}
	}
	return false
}

// touches reports whether a finding's range meets the requested one; both
// ends count, so a cursor right after a word is still on it.
func touches(r, want syntax.Range) bool {
	return r.Start <= want.End && want.Start <= r.End
}

// diagnosticKey identifies a diagnostic by what the client sends back of it.
func diagnosticKey(d protocol.Diagnostic) string {
	code := ""
	if c, ok := d.Code.(protocol.String); ok {
		code = string(c)
	}
	return fmt.Sprintf("%s@%d:%d-%d:%d", code, d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character)
}
