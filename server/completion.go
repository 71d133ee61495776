package server

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/completion"
)

func init() {
	handleRequest(protocol.MethodTextDocumentCompletion, (*Server).completion)
	handleRequest(protocol.MethodCompletionItemResolve, (*Server).resolveCompletion)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		c.CompletionProvider = &protocol.CompletionOptions{
			// Where the completion package has something new to offer:
			// "--from=", "type=", "$", "${", "--", a mount's next key after
			// ",", the image or stage after "FROM ", a tag after ":".
			TriggerCharacters: []string{"=", "-", ",", "$", "{", " ", ":"},
			ResolveProvider:   ptr(true),
		}
	})
}

func (s *Server) completion(ctx context.Context, p *protocol.CompletionParams) (protocol.CompletionResult, error) {
	if res, ok := s.targetsCompletion(ctx, p); ok {
		return res, nil
	}
	if res, ok := s.dockerignoreCompletion(ctx, p); ok {
		return res, nil
	}
	list := &protocol.CompletionList{Items: []protocol.CompletionItem{}}
	doc, ok := s.document(ctx, p.TextDocument.URI)
	if !ok {
		return list, nil
	}
	enc := s.client.enc
	off := enc.offset(doc.File.Text, doc.File.Lines(), p.Position)
	res := completion.CompleteIn(doc.Model(), off, s.completionEnv(ctx, p.TextDocument.URI))
	replace := enc.rangeOf(doc.File, res.Replace)
	for _, it := range res.Items {
		list.Items = append(list.Items, s.completionItem(it, replace))
	}
	return list, nil
}

func (s *Server) completionItem(it completion.Item, replace protocol.Range) protocol.CompletionItem {
	ci := protocol.CompletionItem{Label: it.Label, Kind: completionKind(it.Kind)}
	text, format := it.InsertText, protocol.InsertTextFormatPlainText
	if text == "" {
		text = it.Label
	}
	if it.Snippet != "" && s.client.Snippets {
		text, format = it.Snippet, protocol.InsertTextFormatSnippet
	}
	ci.TextEdit = &protocol.TextEdit{Range: replace, NewText: text}
	ci.InsertTextFormat = format
	if it.Detail != "" {
		ci.Detail = protocol.NewOptional(it.Detail)
	}
	if it.Doc != "" {
		ci.Documentation = s.markup(it.Doc, s.client.CompletionMarkdown)
	} else if it.Key != "" {
		// Documentation is looked up on resolve, keeping the list small.
		ci.Data, _ = json.Marshal(completionData{Key: it.Key})
	}
	if it.SortText != "" {
		ci.SortText = protocol.NewOptional(it.SortText)
	}
	if it.FilterText != "" {
		ci.FilterText = protocol.NewOptional(it.FilterText)
	}
	if it.Deprecated {
		ci.Tags = []protocol.CompletionItemTag{protocol.CompletionItemTagDeprecated}
	}
	if it.Retrigger && s.client.VSCode {
		// Only VS Code knows this command; other clients would send it back
		// to us with workspace/executeCommand.
		ci.Command = protocol.Command{Title: "Suggest", Command: "editor.action.triggerSuggest"}
	}
	return ci
}

// completionData is what an item carries to completionItem/resolve.
type completionData struct {
	Key string `json:"key"`
}

func (s *Server) resolveCompletion(ctx context.Context, item *protocol.CompletionItem) (*protocol.CompletionItem, error) {
	var data completionData
	if len(item.Data) > 0 && json.Unmarshal(item.Data, &data) == nil && data.Key != "" {
		if doc := completion.Documentation(data.Key, s.client.CompletionMarkdown); doc != "" {
			item.Documentation = s.markup(doc, s.client.CompletionMarkdown)
		}
	}
	return item, nil
}

// markup wraps text as markdown when the client renders it, else as plain
// text.
func (s *Server) markup(text string, markdown bool) *protocol.MarkupContent {
	kind := protocol.MarkupKindPlainText
	if markdown {
		kind = protocol.MarkupKindMarkdown
	}
	return &protocol.MarkupContent{Kind: kind, Value: text}
}

func completionKind(k completion.Kind) protocol.CompletionItemKind {
	switch k {
	case completion.KindStage:
		return protocol.CompletionItemKindModule
	case completion.KindKeyword, completion.KindDirective:
		return protocol.CompletionItemKindKeyword
	case completion.KindFlag:
		return protocol.CompletionItemKindProperty
	case completion.KindProperty:
		return protocol.CompletionItemKindField
	case completion.KindVariable:
		return protocol.CompletionItemKindVariable
	case completion.KindImage:
		return protocol.CompletionItemKindReference
	case completion.KindFile:
		return protocol.CompletionItemKindFile
	case completion.KindFolder:
		return protocol.CompletionItemKindFolder
	}
	return protocol.CompletionItemKindValue
}
