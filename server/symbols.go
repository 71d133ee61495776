package server

import (
	"context"
	"slices"

	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/symbols"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Document symbols: stages with their instructions as a tree for clients that
// support hierarchy, else a flat list with container names.
func init() {
	handleRequest(protocol.MethodTextDocumentDocumentSymbol, (*Server).documentSymbol)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		c.DocumentSymbolProvider = &protocol.DocumentSymbolOptions{Label: ptr("Dockerfile")}
	})
}

func (s *Server) documentSymbol(ctx context.Context, p *protocol.DocumentSymbolParams) (protocol.DocumentSymbolResult, error) {
	doc, ok := s.document(ctx, p.TextDocument.URI)
	if !ok {
		return protocol.DocumentSymbolSlice{}, nil
	}
	tree := symbols.Document(doc.Model())
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var caps *protocol.DocumentSymbolClientCapabilities
	if td := s.client.Raw.TextDocument; td != nil {
		caps = td.DocumentSymbol
	}
	tags := caps != nil && slices.Contains(caps.TagSupport.ValueSet, protocol.SymbolTagDeprecated)
	enc := s.client.enc
	if caps != nil && isTrue(caps.HierarchicalDocumentSymbolSupport) {
		var convert func([]symbols.Symbol) []protocol.DocumentSymbol
		convert = func(syms []symbols.Symbol) []protocol.DocumentSymbol {
			out := make([]protocol.DocumentSymbol, 0, len(syms))
			for _, sym := range syms {
				ds := protocol.DocumentSymbol{
					Name:           sym.Name,
					Kind:           symbolKind(sym.Kind),
					Range:          enc.rangeOf(doc.File, sym.Range),
					SelectionRange: enc.rangeOf(doc.File, selectable(sym.Select, sym.Range)),
					Children:       convert(sym.Children),
				}
				if sym.Detail != "" {
					ds.Detail = ptr(sym.Detail)
				}
				if sym.Deprecated {
					if tags {
						ds.Tags = []protocol.SymbolTag{protocol.SymbolTagDeprecated}
					} else {
						ds.Deprecated = ptr(true)
					}
				}
				out = append(out, ds)
			}
			return out
		}
		return protocol.DocumentSymbolSlice(convert(tree)), nil
	}
	flat := symbols.Flatten(tree)
	out := make(protocol.SymbolInformationSlice, 0, len(flat))
	for _, sym := range flat {
		si := protocol.SymbolInformation{
			BaseSymbolInformation: protocol.BaseSymbolInformation{Name: sym.Name, Kind: symbolKind(sym.Kind)},
			Location:              protocol.Location{URI: doc.URI, Range: enc.rangeOf(doc.File, sym.Range)},
		}
		if sym.Container != "" {
			si.ContainerName = ptr(sym.Container)
		}
		if sym.Deprecated {
			if tags {
				si.Tags = []protocol.SymbolTag{protocol.SymbolTagDeprecated}
			} else {
				si.Deprecated = ptr(true)
			}
		}
		out = append(out, si)
	}
	return out, nil
}

// selectable keeps the selection range inside the symbol's range (an empty
// selection at the symbol's start when there is nothing to select).
func selectable(sel, whole syntax.Range) syntax.Range {
	if sel.Start < whole.Start || sel.End > whole.End || sel.Start > sel.End {
		return syntax.Range{Start: whole.Start, End: whole.Start}
	}
	return sel
}

func symbolKind(k symbols.Kind) protocol.SymbolKind {
	switch k {
	case symbols.Stage:
		return protocol.SymbolKindModule // as stages are in completion
	case symbols.Variable:
		return protocol.SymbolKindVariable
	case symbols.Label:
		return protocol.SymbolKindProperty
	}
	return protocol.SymbolKindFunction
}
