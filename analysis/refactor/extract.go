package refactor

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// extractActions offers "Extract selected instructions into a new stage"
// when the selection covers instructions of one stage. The new stage is
// built on the stage's base and runs the stage's instructions up to the
// end of the selection (those before it too, or the result would differ);
// the stage then starts FROM the new stage. Behaviour is unchanged: the
// same instructions run in the same order on the same base.
func extractActions(q *query) []Action {
	if q.sel.Len() == 0 {
		return nil
	}
	s := q.m.StageAt(q.sel.Start)
	if s == nil || s != q.m.StageAt(q.sel.End-1) || s.Base == "" {
		return nil
	}
	sf := readStage(q.f, q.m, s)
	first, last := -1, -1
	for _, n := range sf.nodes {
		r := n.n.Range()
		if r.End > q.sel.Start && r.Start < q.sel.End {
			if first < 0 {
				first = n.i
			}
			last = n.i
		}
	}
	if last < 0 || last == len(sf.nodes)-1 {
		return nil // nothing selected, or nothing would be left in the stage
	}
	if len(s.From.Args()) != 1 && len(s.From.Args()) != 3 {
		return nil
	}
	for _, n := range sf.nodes[:last+1] {
		if n.cmd == "ONBUILD" {
			return nil // its trigger would fire in the stage built on the new one
		}
	}
	name := extractName(q.m, sf.nodes[:last+1])
	title := fmt.Sprintf("Extract selected instructions into a new stage '%s'", name)
	if first > 0 {
		title = fmt.Sprintf("Extract instructions 1-%d of the stage into a new stage '%s' (the selection and what it builds on)", last+1, name)
	}
	return []Action{{
		ID:    "extract:" + strconv.Itoa(s.Index) + ":" + strconv.Itoa(last),
		Title: title,
		Kind:  KindExtract,
		compute: func() ([]analysis.Edit, []Placeholder) {
			return extractEdits(sf, last, name), nil
		},
	}}
}

// extractName names the new stage after what it does.
func extractName(m *model.Model, nodes []*bodyNode) string {
	want := "base"
	for _, n := range nodes {
		for _, c := range n.cmds {
			if _, ok := pipInstall(c); ok {
				want = "deps"
			}
			if _, ok := nodeInstall(c); ok {
				want = "deps"
			}
			if c.Name() == "go" && c.Has("download") || c.Name() == "apt-get" || c.Name() == "apk" {
				want = "deps"
			}
		}
	}
	if usable(m, want) {
		return want
	}
	for i := 2; ; i++ {
		if w := want + "-" + strconv.Itoa(i); usable(m, w) {
			return w
		}
	}
}

// extractEdits replaces the FROM line and the extracted instructions by the
// new stage and a FROM line that builds on it; stage indexes after the new
// stage shift by one.
func extractEdits(sf *stageFacts, last int, name string) []analysis.Edit {
	f, m, s := sf.f, sf.m, sf.st
	text := f.Text
	st := sf.style
	eol := st.eol
	fromLine := wholeLines(text, s.From.Range())
	moved := syntax.Range{Start: fromLine.End, End: sf.nodes[last].span(text).End}
	shift := func(r syntax.Range) string { return shiftIndexes(text, m, r, s.Index) }

	var b strings.Builder
	// The new stage: the same FROM, named, then the instructions.
	from := text[s.From.Offset:s.BaseRange.End]
	b.WriteString(text[fromLine.Start:s.From.Offset] + from + " " + st.kw("AS") + " " + name + eol)
	b.WriteString(normalizeEOL(shift(moved), eol))
	if !strings.HasSuffix(b.String(), "\n") && !strings.HasSuffix(b.String(), "\r") {
		b.WriteString(eol)
	}
	b.WriteString(eol)
	// The stage, now FROM the new one (platform flags belong to the base).
	b.WriteString(s.From.Keyword().Value + " " + name)
	if s.Name != "" {
		b.WriteString(text[s.BaseRange.End:s.From.Range().End])
	}
	b.WriteString(eol)
	// ARGs end with their stage: declare again those still used.
	rest := text[moved.End:s.Range.End]
	for _, n := range sf.nodes[:last+1] {
		if n.cmd != "ARG" {
			continue
		}
		for _, v := range s.Vars {
			if v.Node.Offset == n.n.Offset && refersTo(rest, v.Name) {
				b.WriteString(linesText(text, n.n.Range(), eol) + eol)
				break
			}
		}
	}
	edits := []analysis.Edit{{Range: syntax.Range{Start: fromLine.Start, End: moved.End}, NewText: b.String()}}
	// Index references outside the replaced text.
	for _, r := range m.Refs {
		if r.ByIndex && r.Target != nil && r.Target.Index >= s.Index && (r.Range.Start < fromLine.Start || r.Range.Start >= moved.End) {
			edits = append(edits, analysis.Edit{Range: r.Range, NewText: strconv.Itoa(r.Target.Index + 1)})
		}
	}
	sortEdits(edits)
	return edits
}

// shiftIndexes is text[r] with every --from=N at or after stage index from
// renumbered N+1.
func shiftIndexes(text string, m *model.Model, r syntax.Range, from int) string {
	b := newBuilder(text)
	b.keepTo(r.Start)
	b.out.Reset()
	for _, ref := range m.Refs {
		if ref.ByIndex && ref.Target != nil && ref.Target.Index >= from && ref.Range.Start >= r.Start && ref.Range.End <= r.End {
			b.keepTo(ref.Range.Start)
			b.insert(strconv.Itoa(ref.Target.Index + 1))
			b.skipTo(ref.Range.End)
		}
	}
	b.keepTo(r.End)
	return b.out.String()
}
