// Package links finds the image references of a Dockerfile that have a web
// page: base images in FROM and images named by COPY --from or RUN --mount
// from=, linked to Docker Hub, ghcr.io, quay.io, mcr.microsoft.com, gcr.io or
// the ECR public gallery. Stage names, scratch and references that still
// depend on build arguments get no link. Nothing here knows LSP.
package links

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/imageref"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Link is one reference and the page it opens.
type Link struct {
	Range   syntax.Range
	Target  string // the URL
	Tooltip string // the normalised image reference, or the context path
	Path    string // for a link to a file of the build context: its absolute path (Target is empty)
}

// Links returns the links of m in file order.
func Links(m *model.Model) []Link {
	var out []Link
	add := func(value string, r syntax.Range) {
		if r.Len() == 0 || strings.Contains(value, "$") || strings.EqualFold(value, "scratch") {
			return
		}
		ref, ok := imageref.Parse(value)
		if !ok {
			return
		}
		if u, ok := ref.WebURL(); ok {
			out = append(out, Link{Range: r, Target: u, Tooltip: ref.String()})
		}
	}
	refs := m.Refs
	for _, s := range m.Stages {
		// --from and from= images of earlier stages come before this FROM.
		for len(refs) > 0 && refs[0].Node.Offset < s.From.Offset {
			addRef(refs[0], add)
			refs = refs[1:]
		}
		if s.Parent == nil && !hasRefAt(m, s.BaseRange) {
			add(s.Base, s.BaseRange)
		}
	}
	for _, r := range refs {
		addRef(r, add)
	}
	return out
}

// addRef links a COPY --from or mount from= value that names no stage and
// is plainly an image (a registry, a path, a tag or a digest): a bare word
// that matches no stage is more likely a typo than an image.
func addRef(r *model.Ref, add func(string, syntax.Range)) {
	if r.Kind == model.RefFrom || r.Target != nil || len(r.Candidates) > 0 || r.ByIndex {
		return
	}
	if strings.ContainsAny(r.Value, "/:@") {
		add(r.Value, r.Range)
	}
}

// hasRefAt reports a FROM whose base selects stages through build arguments.
func hasRefAt(m *model.Model, r syntax.Range) bool {
	for _, ref := range m.Refs {
		if ref.Kind == model.RefFrom && ref.Range == r {
			return true
		}
	}
	return false
}
