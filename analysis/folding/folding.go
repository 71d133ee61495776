// Package folding computes the foldable regions of a Dockerfile: stages,
// instructions spanning several lines, heredocs and blocks of comment lines.
// Ranges are byte offsets; each spans at least two lines, and no two start on
// the same line (the larger one is kept), which is what editors expect.
package folding

import (
	"sort"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Kind tells regions from comment blocks.
type Kind int

const (
	Region  Kind = iota + 1 // a stage, an instruction or a heredoc
	Comment                 // consecutive comment lines
)

// Range is a foldable region from the start of its first line's content to
// the end of its last line's content.
type Range struct {
	Start, End int
	Kind       Kind
}

// Ranges returns the folding ranges of m's file, sorted by start.
func Ranges(m *model.Model) []Range {
	f := m.File
	lines := f.Lines()
	var out []Range
	add := func(start, end int, kind Kind) {
		if start < end {
			out = append(out, Range{Start: start, End: end, Kind: kind})
		}
	}
	for _, s := range m.Stages {
		add(s.From.Offset, s.Range.End, Region)
	}
	commentStart, commentEnd, commentLine := -1, -1, -2
	for i := 0; i < f.Len(); i++ {
		n := f.Node(i)
		if n.Kind() == syntax.KindComment {
			line, _ := lines.Position(n.Offset)
			if line == commentLine+1 && commentStart >= 0 {
				commentEnd, commentLine = n.Range().End, line
				continue
			}
			add(commentStart, commentEnd, Comment)
			commentStart, commentEnd, commentLine = n.Offset, n.Range().End, line
			continue
		}
		add(commentStart, commentEnd, Comment)
		commentStart, commentEnd, commentLine = -1, -1, -2
		cmdEnd := n.Range().End
		hs := n.Heredocs()
		if len(hs) > 0 {
			cmdEnd = hs[0].Marker.End
		}
		add(n.Offset, cmdEnd, Region)
		for _, h := range hs {
			end := h.Terminator.End
			if !h.Terminated {
				end = min(h.Body.End, n.Range().End) // the body may end at the next line's start
			}
			add(h.Marker.Start, end, Region)
		}
	}
	add(commentStart, commentEnd, Comment)

	// Keep ranges spanning two lines or more, the largest per start line.
	type lineRange struct {
		r          Range
		start, end int
	}
	var lr []lineRange
	for _, r := range out {
		sl, _ := lines.Position(r.Start)
		el, _ := lines.Position(r.End)
		if el > sl {
			lr = append(lr, lineRange{r, sl, el})
		}
	}
	sort.SliceStable(lr, func(i, j int) bool {
		if lr[i].start != lr[j].start {
			return lr[i].start < lr[j].start
		}
		return lr[i].end > lr[j].end
	})
	out = out[:0]
	for i, x := range lr {
		if i > 0 && lr[i-1].start == x.start {
			continue
		}
		out = append(out, x.r)
	}
	return out
}
