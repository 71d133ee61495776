package syntax

import (
	"sort"
	"strings"
)

// LineIndex maps byte offsets to (line, byte column) and back. Lines end at
// "\n", "\r\n" or a lone "\r", as LSP defines them.
type LineIndex struct {
	text   string
	starts []int // starts[i] is the offset of line i
}

// NewLineIndex indexes text.
func NewLineIndex(text string) *LineIndex {
	starts := make([]int, 1, len(text)/32+1)
	return &LineIndex{text: text, starts: appendLineStarts(starts, text, 0, len(text))}
}

// appendLineStarts appends the starts of the lines whose terminators begin
// in text[from:to]; from must be a line start. A "\r" at to-1 still looks
// at text[to] to recognise "\r\n".
func appendLineStarts(starts []int, text string, from, to int) []int {
	if strings.IndexByte(text[from:to], '\r') < 0 {
		// The common case, by far: IndexByte is vectorised.
		for i := from; i < to; {
			j := strings.IndexByte(text[i:to], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			starts = append(starts, i)
		}
		return starts
	}
	for i := from; i < to; i++ {
		switch text[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return starts
}

// replaced returns the index of text, the result of replacing x's
// text[start:end] with newLen bytes: the lines before the edit are kept, the
// edited ones rescanned and those after it shifted, so a keystroke costs a
// copy rather than a scan of the whole file.
func (x *LineIndex) replaced(text string, start, end, newLen int) *LineIndex {
	delta := newLen - (end - start)
	// Line starts before start stay: their terminators end before the edit
	// and do not look at it (a "\r" at start-1 could gain a "\n", so a start
	// equal to start is rescanned).
	keep := sort.SearchInts(x.starts, start)
	if keep == 0 {
		keep = 1 // starts[0] is always 0
	}
	starts := make([]int, keep, len(x.starts)+max(0, delta/32)+4)
	copy(starts, x.starts[:keep])
	to := min(start+newLen+1, len(text)) // through the byte after the new text
	starts = appendLineStarts(starts, text, starts[keep-1], to)
	last := starts[len(starts)-1]
	// Terminators from old end+1 on are the same bytes with the same
	// neighbours; skip the ones the rescan already found.
	for _, s := range x.starts[sort.SearchInts(x.starts, end+2):] {
		if s+delta > last {
			starts = append(starts, s+delta)
		}
	}
	return &LineIndex{text: text, starts: starts}
}

// Lines is the number of lines; a text ending in a newline has an empty last line.
func (x *LineIndex) Lines() int { return len(x.starts) }

// LineStart is the offset of the first byte of line (clamped to the last line).
func (x *LineIndex) LineStart(line int) int {
	return x.starts[x.clampLine(line)]
}

// LineEnd is the offset of the end of line's content, before its terminator.
func (x *LineIndex) LineEnd(line int) int {
	line = x.clampLine(line)
	if line+1 >= len(x.starts) {
		return len(x.text)
	}
	end := x.starts[line+1] - 1
	if x.text[end] == '\n' && end > x.starts[line] && x.text[end-1] == '\r' {
		end--
	}
	return end
}

// LineText is line's content without its terminator.
func (x *LineIndex) LineText(line int) string {
	return x.text[x.LineStart(line):x.LineEnd(line)]
}

// Position returns the line and byte column of off (clamped into the text).
func (x *LineIndex) Position(off int) (line, col int) {
	off = max(0, min(off, len(x.text)))
	line = sort.SearchInts(x.starts, off+1) - 1
	col = min(off, x.LineEnd(line)) - x.starts[line]
	return line, col
}

// Offset returns the offset of a line and byte column; both are clamped, so a
// column past the end of a line gives the line's end and a line past the end
// of the text gives the end of the text.
func (x *LineIndex) Offset(line, col int) int {
	if line >= len(x.starts) {
		return len(x.text)
	}
	if line < 0 {
		return 0
	}
	start, end := x.starts[line], x.LineEnd(line)
	return start + max(0, min(col, end-start))
}

func (x *LineIndex) clampLine(line int) int {
	return max(0, min(line, len(x.starts)-1))
}

// Edited returns the index of text, which is x's text with bytes
// [start, end) replaced by newLen bytes, without rescanning the bytes the
// edit left alone.
func (x *LineIndex) Edited(text string, start, end, newLen int) *LineIndex {
	return x.replaced(text, start, end, newLen)
}
