// Package completion finds what the cursor is on and proposes candidates. It
// knows nothing of LSP: the server converts Result to protocol types.
//
// Contexts, most specific first: parser directives at the top of the file;
// heredoc bodies (variables only); variables after $ and ${ (scoped like
// BuildKit: global ARGs on FROM lines, the stage's ARG/ENV and its parents'
// elsewhere); stage names (COPY --from=, --mount from=, the base of FROM, with
// well-known images too); --mount types, keys and values; flag names and
// values per instruction; instruction keywords at the start of a line; a few
// argument positions (FROM ... AS, HEALTHCHECK CMD|NONE, STOPSIGNAL, ARG names).
package completion

import (
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Kind classifies a candidate (the server maps it to an LSP CompletionItemKind).
type Kind int

const (
	KindStage     Kind = iota + 1
	KindKeyword        // an instruction or a keyword such as AS
	KindFlag           // --name
	KindValue          // a flag, mount key or directive value
	KindVariable       // $NAME
	KindImage          // an image reference in FROM
	KindProperty       // a --mount key
	KindDirective      // a parser directive name
	KindFile           // a file: of the build context, or one a stage produces
	KindFolder         // a folder: of the build context, a destination, or one a stage produces
)

// Item is one candidate. InsertText is Label when empty.
type Item struct {
	Label      string
	Detail     string
	Doc        string // filled only where it cannot be looked up later; see Key
	Kind       Kind
	InsertText string
	// Snippet, when set, is what clients supporting snippets insert instead
	// of InsertText (LSP snippet syntax).
	Snippet    string
	SortText   string
	FilterText string
	// Key names the catalogue entry whose text Documentation returns, for
	// completionItem/resolve; empty when there is none.
	Key        string
	Deprecated bool
	// Retrigger asks the client to complete again once the item is inserted
	// (after "--mount=", "type=", "syntax=").
	Retrigger bool
}

// Result is the candidates and the byte range they replace.
type Result struct {
	Items   []Item
	Replace syntax.Range
}

// CompleteIn returns the candidates at byte offset off of m.File, the file
// of the snapshot's model m, with what the caller knows beyond the file.
func CompleteIn(m *model.Model, off int, env Env) Result {
	f := m.File
	// A cursor inside the byte-order mark is at the start of the text.
	off = max(bodyStart(f.Text), min(off, len(f.Text)))
	c := &completer{f: f, off: off, m: m, env: env}
	res := c.run()
	if res.Items == nil {
		res.Replace = syntax.Range{Start: off, End: off}
	}
	return res
}

// completer holds one request.
type completer struct {
	f   *syntax.File
	off int
	m   *model.Model
	env Env
}

// typed is the text of the replaced range up to the cursor.
func (c *completer) typed(r syntax.Range) string {
	return c.f.Text[r.Start:max(r.Start, min(c.off, r.End))]
}

func (c *completer) run() Result {
	if res, ok := c.directive(); ok {
		return res
	}
	i := c.f.NodeAt(c.off)
	if i < 0 {
		return c.between()
	}
	n := c.f.Node(i)
	if n.Kind() == syntax.KindComment {
		if i == 0 {
			return c.directiveComment(n)
		}
		return Result{}
	}
	return c.instruction(n)
}
