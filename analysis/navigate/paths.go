package navigate

import (
	"path"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// CopySource is a source path of COPY --from=<stage> under the cursor.
type CopySource struct {
	Range syntax.Range // the path as written (inside the quotes in exec form)
	Path  string       // absolute in the source stage
	Stage *facts.Stage // the stage it is read from
	// File is what the facts know to produce the path; nil when they know
	// nothing that does.
	File *facts.File
}

// CopySourceAt returns the COPY --from source path at off; ctx, the build
// context when it is known, settles what Node builds write.
func CopySourceAt(m *model.Model, off int, ctx *buildcontext.Context) (CopySource, bool) {
	i := m.File.NodeAt(off)
	if i < 0 {
		return CopySource{}, false
	}
	n := m.File.Node(i)
	if inner, ok := n.OnBuild(); ok {
		n = inner
	}
	if n.Command() != "COPY" {
		return CopySource{}, false
	}
	var from *model.Stage
	for _, r := range m.Refs {
		if r.Kind == model.RefCopyFrom && r.Node.Offset == n.Offset && r.Target != nil {
			from = r.Target
		}
	}
	args := n.Args()
	if from == nil || len(args) < 2 {
		return CopySource{}, false
	}
	for _, w := range args[:len(args)-1] {
		r := w.Range
		if n.IsJSON() && r.Len() >= 2 {
			r = syntax.Range{Start: r.Start + 1, End: r.End - 1}
		}
		if !r.Contains(off) || w.Value == "" {
			continue
		}
		st := facts.Of(m).Stage(from)
		if st == nil {
			return CopySource{}, false
		}
		p := path.Clean("/" + w.Value)
		return CopySource{Range: r, Path: p, Stage: st, File: st.Producer(p, ctx)}, true
	}
	return CopySource{}, false
}
