package server

import (
	"slices"
	"strings"

	"go.lsp.dev/protocol"
)

// clientCaps is what the client said it can do, boiled down once at
// initialize to what features ask. Raw keeps everything else.
type clientCaps struct {
	Name string // clientInfo.name, for the few client-specific accommodations
	enc  encoding

	Snippets           bool // completion items may be snippets
	CompletionMarkdown bool // completion documentation may be markdown
	HoverMarkdown      bool // hover contents may be markdown
	CodeActionLiterals bool // code actions may be CodeAction literals, not only commands
	DocumentChanges    bool // workspace edits may use versioned documentChanges
	ApplyEdit          bool // the client answers workspace/applyEdit
	ConfigurationPull  bool // the client answers workspace/configuration
	// VSCode marks VS Code and its forks, which know editor.* commands.
	VSCode bool

	Raw protocol.ClientCapabilities
}

func newClientCaps(p *protocol.InitializeParams) *clientCaps {
	caps := p.Capabilities
	c := &clientCaps{Name: p.ClientInfo.Name, Raw: caps}
	if caps.General != nil {
		c.enc = negotiateEncoding(caps.General.PositionEncodings)
	}
	if td := caps.TextDocument; td != nil {
		if cc := td.Completion; cc != nil && cc.CompletionItem != nil {
			c.Snippets = isTrue(cc.CompletionItem.SnippetSupport)
			c.CompletionMarkdown = slices.Contains(cc.CompletionItem.DocumentationFormat, protocol.MarkupKindMarkdown)
		}
		if h := td.Hover; h != nil {
			c.HoverMarkdown = slices.Contains(h.ContentFormat, protocol.MarkupKindMarkdown)
		}
		if ca := td.CodeAction; ca != nil {
			c.CodeActionLiterals = len(ca.CodeActionLiteralSupport.CodeActionKind.ValueSet) > 0
		}
	}
	if ws := caps.Workspace; ws != nil {
		c.ApplyEdit = isTrue(ws.ApplyEdit)
		c.ConfigurationPull = isTrue(ws.Configuration)
		if ws.WorkspaceEdit != nil {
			c.DocumentChanges = isTrue(ws.WorkspaceEdit.DocumentChanges)
		}
	}
	name := strings.ToLower(c.Name)
	c.VSCode = strings.Contains(name, "visual studio code") || strings.Contains(name, "code-server") || strings.Contains(name, "vscodium")
	return c
}

// serverCapabilities is the one place the initialize result's capabilities
// are put together: each feature file contributes through advertise.
func serverCapabilities(client *clientCaps) protocol.ServerCapabilities {
	var c protocol.ServerCapabilities
	c.PositionEncoding = client.enc.kind()
	for _, fill := range capabilityHook {
		fill(&c, client)
	}
	return c
}

func isTrue(b *bool) bool { return b != nil && *b }

func ptr[T any](v T) *T { return &v }
