// Package completion finds what the cursor is on and proposes candidates. It
// knows nothing of LSP: the server converts Result to protocol types.
package completion

import (
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Kind classifies a candidate (the server maps it to an LSP CompletionItemKind).
type Kind int

const (
	KindStage Kind = iota + 1
	KindKeyword
	KindFlag
	KindValue
	KindVariable
	KindImage
)

// Item is one candidate. InsertText is Label when empty.
type Item struct {
	Label      string
	Detail     string
	Doc        string
	Kind       Kind
	InsertText string
	SortText   string
}

// Result is the candidates and the byte range they replace.
type Result struct {
	Items   []Item
	Replace syntax.Range
}

// Complete returns the candidates at byte offset off of f.
func Complete(f *syntax.File, off int) Result {
	off = max(0, min(off, len(f.Text)))
	empty := Result{Replace: syntax.Range{Start: off, End: off}}
	i := f.NodeAt(off)
	if i < 0 {
		return empty
	}
	n := f.Node(i)
	if n.Kind() != syntax.KindInstruction || off <= n.Keyword().Range.End {
		return empty
	}
	ctx, ok := stageContextAt(n, off)
	if !ok {
		return empty
	}
	m := model.Build(f)
	return Result{Items: stageItems(m, ctx, f.Text[ctx.replace.Start:off]), Replace: ctx.replace}
}
