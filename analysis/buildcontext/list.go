package buildcontext

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Entries lists every recorded path directly inside the context folder dir
// ("" for the root), excluded ones included, sorted by name: what a
// .dockerignore may name. A pruned folder's content is not recorded.
func (c *Context) Entries(dir string) []Entry {
	kids, ok := c.childrenOf(dir)
	if !ok {
		return nil
	}
	out := make([]Entry, 0, len(kids))
	for _, k := range kids {
		out = append(out, c.entries[k])
	}
	return out
}

// Each calls fn with every recorded path in walk order (breadth first).
func (c *Context) Each(fn func(Entry)) {
	for _, e := range c.entries {
		fn(e)
	}
}

// Sources are the sources of a COPY or ADD that BuildKit reads from the
// build context, as written: none for --from (another stage or image),
// heredoc copies, URLs and Git sources of ADD, sources with variables (their
// value may come from a build argument) and --parents copies (their pivot
// syntax is not a path).
func Sources(n syntax.Node) []syntax.Word {
	if c := n.Command(); c != "COPY" && c != "ADD" {
		return nil
	}
	if _, ok := n.Flag("from"); ok {
		return nil
	}
	if _, ok := n.Flag("parents"); ok {
		return nil
	}
	args := n.Args()
	if len(args) < 2 || len(n.Heredocs()) > 0 {
		return nil
	}
	var out []syntax.Word
	for _, w := range args[:len(args)-1] {
		v := w.Value
		if v == "" || strings.Contains(v, "$") || strings.Contains(v, "://") || strings.HasPrefix(v, "git@") {
			continue
		}
		out = append(out, w)
	}
	return out
}
