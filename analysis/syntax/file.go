package syntax

import "sync/atomic"

// File is an immutable snapshot of a scanned Dockerfile. Apply returns a new
// snapshot and never modifies the receiver, so snapshots can be shared freely
// between goroutines.
type File struct {
	Text       string
	Escape     byte // '\\' unless an escape directive says '`'
	Directives []Directive

	nodes   []*Instruction
	offsets []int // absolute start of nodes[i]
	// directivesEnd is the offset of the first byte after the directive block;
	// an edit before it changes how everything is read, so it forces a full scan.
	directivesEnd int
	bodyStart     int // where the first node may start: the line after the directives

	// lines is built on first use, or derived by Apply from the previous
	// snapshot's; two goroutines may both build it, which is harmless.
	lines atomic.Pointer[LineIndex]
}

// Plain is text that is not a Dockerfile (a Compose or Bake file, a
// .dockerignore): no instructions, only the text and its line index, which
// is what the features of those kinds use.
func Plain(text string) *File { return &File{Text: text, Escape: '\\'} }

// Lines returns the file's line index.
func (f *File) Lines() *LineIndex {
	if x := f.lines.Load(); x != nil {
		return x
	}
	x := NewLineIndex(f.Text)
	f.lines.Store(x)
	return x
}

// Len is the number of nodes (instructions and comment lines).
func (f *File) Len() int { return len(f.nodes) }

// Node returns the i-th node.
func (f *File) Node(i int) Node { return Node{inst: f.nodes[i], Offset: f.offsets[i]} }

// Instructions returns the instruction nodes in order (comments left out).
func (f *File) Instructions() []Node {
	out := make([]Node, 0, len(f.nodes))
	for i, in := range f.nodes {
		if in.kind == KindInstruction {
			out = append(out, Node{inst: in, Offset: f.offsets[i]})
		}
	}
	return out
}

// Directive returns the directive called name (lower-case), if present.
func (f *File) Directive(name string) (Directive, bool) {
	for _, d := range f.Directives {
		if d.Name == name {
			return d, true
		}
	}
	return Directive{}, false
}

// NodeAt returns the index of the node whose range contains off (end
// inclusive, so the end of a line counts), or -1 if off lies between nodes.
func (f *File) NodeAt(off int) int {
	lo, hi := 0, len(f.offsets)
	for lo < hi { // first node starting after off
		m := (lo + hi) / 2
		if f.offsets[m] <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	i := lo - 1
	if i >= 0 && off <= f.offsets[i]+f.nodes[i].length {
		return i
	}
	return -1
}
