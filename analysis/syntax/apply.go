package syntax

import "sort"

// Apply returns the snapshot of the text with bytes [start, end) replaced by
// newText. Out-of-range offsets are clamped. Nodes before the edit are reused
// as they are; scanning restarts after them and stops as soon as it reaches
// the start of a node that lay after the edit in the old text, whose
// instructions are then reused with their offsets shifted.
func (f *File) Apply(start, end int, newText string) *File {
	start = max(0, min(start, len(f.Text)))
	end = max(start, min(end, len(f.Text)))
	text := f.Text[:start] + newText + f.Text[end:]
	if start <= f.directivesEnd {
		// The directives decide how everything is read (the escape character).
		return Parse(text)
	}
	delta := len(newText) - (end - start)

	// Nodes whose examined bytes all lie before the edit are unaffected, and
	// so is where each of them starts, which the nodes before it decided. The
	// end of what a node examined is not monotonic (an unterminated heredoc or
	// a continuation whose comments run to the end of the file looks to the
	// end of the text, the nodes scanned after it do not), so the first node
	// to rescan is the first whose examined bytes, or an earlier node's,
	// reach the edit.
	keep, reach := 0, 0
	for keep < len(f.nodes) {
		reach = max(reach, f.offsets[keep]+f.nodes[keep].look)
		if reach > start {
			break
		}
		keep++
	}
	g := &File{
		Text:          text,
		Escape:        f.Escape,
		Directives:    f.Directives,
		directivesEnd: f.directivesEnd,
		bodyStart:     f.bodyStart,
	}
	nodes := make([]*Instruction, keep, len(f.nodes)+4)
	offsets := make([]int, keep, len(f.nodes)+4)
	copy(nodes, f.nodes[:keep])
	copy(offsets, f.offsets[:keep])

	s := scanner{text: text, esc: f.Escape, detach: true}
	from := f.bodyStart
	if keep > 0 {
		from = s.next(f.offsets[keep-1] + f.nodes[keep-1].length)
	}
	newEnd := start + len(newText)
	resumed := -1
	resync := func(p int) bool {
		if p < newEnd {
			return false
		}
		j := sort.SearchInts(f.offsets, p-delta)
		if j < len(f.offsets) && f.offsets[j] == p-delta {
			resumed = j
			return true
		}
		return false
	}
	nodes, offsets = s.scan(from, nodes, offsets, resync)
	if resumed >= 0 {
		nodes = append(nodes, f.nodes[resumed:]...)
		for _, o := range f.offsets[resumed:] {
			offsets = append(offsets, o+delta)
		}
	}
	g.nodes, g.offsets = nodes, offsets
	if x := f.lines.Load(); x != nil {
		g.lines.Store(x.replaced(text, start, end, len(newText)))
	}
	return g
}
