package links

import (
	"path/filepath"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// ContextFiles links each COPY or ADD source that names a file of the build
// context c, one BuildKit receives, to that file (Link.Path). Globs, folders
// and excluded files get no link.
func ContextFiles(m *model.Model, c *buildcontext.Context) []Link {
	if c == nil {
		return nil
	}
	var out []Link
	for _, s := range m.Stages {
		for _, n := range s.Body {
			out = appendSourceLinks(out, n, c) // ONBUILD copies read another build's context
		}
	}
	return out
}

func appendSourceLinks(out []Link, n syntax.Node, c *buildcontext.Context) []Link {
	for _, w := range buildcontext.Sources(n) {
		e, ok := c.Lookup(w.Value)
		if !ok || e.Kind != buildcontext.File || !e.Sent {
			continue
		}
		out = append(out, Link{Range: w.Range, Path: filepath.Join(c.Dir, filepath.FromSlash(e.Path)), Tooltip: e.Path})
	}
	return out
}
