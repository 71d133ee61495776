package builds

import (
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/bake"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/compose"
)

// Parse reads a Compose or Bake file by the kind its name says. Malformed
// input gives a Doc with Problems and whatever could be read, never a panic.
func Parse(p, text string) *targets.Doc {
	d := &targets.Doc{Path: p, Kind: targets.KindOf(p), Text: text}
	switch d.Kind {
	case targets.Compose:
		compose.Parse(d)
	case targets.Bake:
		bake.Parse(d)
	}
	return d
}
