package completion

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// copyFromPaths completes a source of COPY --from=<stage>: the paths that
// stage produces (facts), build outputs first, each with the instruction
// that writes it. It works in shell and exec form, with other flags around,
// and on a half-typed exec form (`["/ou`). ok is false when the cursor is
// not on a source of such a COPY.
func (c *completer) copyFromPaths(n syntax.Node) (Result, bool) {
	if n.Command() != "COPY" {
		return Result{}, false
	}
	if _, ok := n.Flag("from"); !ok || c.off < n.ArgsRange().Start {
		return Result{}, false
	}
	cur, ok := c.sourceWord(n)
	if !ok {
		return Result{}, false
	}
	typed := c.typed(cur)
	if strings.HasPrefix(typed, "-") {
		return Result{}, false
	}
	src := c.copySource(n)
	if src == nil {
		return Result{}, false
	}
	var bc *buildcontext.Context
	if c.env.BuildContext != nil {
		bc = c.env.BuildContext() // settles what a Node build writes
	}
	items := pathItems(src, typed, bc)
	if len(items) == 0 {
		return Result{}, false
	}
	return Result{Items: items, Replace: cur}, true
}

// sourceWord is the range the typed path occupies: the argument holding
// the cursor (inside its quotes in exec form) or an empty range at the
// cursor between arguments.
func (c *completer) sourceWord(n syntax.Node) (syntax.Range, bool) {
	off := c.off
	for _, w := range n.Args() {
		if off < w.Range.Start || off > w.Range.End {
			continue
		}
		r := w.Range
		text := c.f.Text[r.Start:r.End]
		if n.IsJSON() {
			if off == r.Start || off == r.End && strings.HasSuffix(text, `"`) && len(text) > 1 {
				return syntax.Range{}, false // outside the quotes
			}
			return syntax.Range{Start: r.Start + 1, End: r.End - 1}, true
		}
		// A half-typed exec form is read as shell words: leave out the
		// `["` before the path and the `",` or `"]` after it.
		r.Start = min(off, r.Start+len(text)-len(strings.TrimLeft(text, `["`)))
		if end := w.Range.Start + len(strings.TrimRight(text, `",]`)); end >= off {
			r.End = max(end, r.Start)
		}
		return r, true
	}
	if n.IsJSON() || off == 0 || !isBlankByte(c.f.Text[off-1]) {
		return syntax.Range{}, false
	}
	return syntax.Range{Start: off, End: off}, true
}

// copySource is the facts of the stage a COPY --from names, or nil when it
// names an image or nothing known.
func (c *completer) copySource(n syntax.Node) *facts.Stage {
	m := c.m
	for _, r := range m.Refs {
		if r.Kind == model.RefCopyFrom && r.Node.Offset == n.Offset && r.Target != nil {
			return facts.Of(m).Stage(r.Target)
		}
	}
	return nil
}

// pathItems lists what a stage produces that starts with typed, build
// outputs first, later writers of a path winning over earlier ones. The
// build context, when known, settles where Node builds write.
func pathItems(st *facts.Stage, typed string, bc *buildcontext.Context) []Item {
	files := st.ProducesIn(bc)
	latest := map[string]int{}
	for i, f := range files {
		latest[f.Path] = i
	}
	var items []Item
	for i, f := range files {
		p := f.Path
		if latest[p] != i || strings.Contains(p, "$") || !strings.HasPrefix(p, typed) && !strings.HasPrefix(strings.TrimPrefix(p, "/"), typed) {
			continue
		}
		rank := 1
		if f.Origin == facts.Built && f.Build != nil { // a build step's output, not an install's node_modules
			rank = 0
		}
		it := Item{
			Label:    p,
			Detail:   facts.Summary(f.Node, 60),
			Kind:     KindFile,
			SortText: fmt.Sprintf("%d%05d", rank, i),
			Doc:      pathDoc(st, f),
		}
		if f.Dir {
			it.Kind = KindFolder
		}
		items = append(items, it)
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].SortText < items[j].SortText })
	return items
}

// pathDoc says where a produced path comes from.
func pathDoc(st *facts.Stage, f *facts.File) string {
	what := map[facts.Origin]string{
		facts.Copied: "copied in by", facts.Built: "written by the build step", facts.Made: "created by",
		facts.Downloaded: "downloaded by", facts.Cloned: "cloned by", facts.Extracted: "extracted by", facts.Moved: "put there by",
	}[f.Origin]
	name := st.Model.Name
	if name == "" {
		name = fmt.Sprint(st.Model.Index)
	}
	doc := fmt.Sprintf("`%s` in stage %s, %s:\n\n```dockerfile\n%s\n```", f.Path, name, what, facts.Summary(f.Node, 200))
	if f.Maybe {
		doc += "\n\nOne of the places this step may write to (" + path.Base(f.Path) + "): check the build's configuration."
	}
	return doc
}
