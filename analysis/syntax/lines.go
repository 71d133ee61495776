package syntax

import "sort"

// LineIndex maps byte offsets to (line, byte column) and back. Lines end at
// "\n", "\r\n" or a lone "\r", as LSP defines them.
type LineIndex struct {
	text   string
	starts []int // starts[i] is the offset of line i
}

// NewLineIndex indexes text.
func NewLineIndex(text string) *LineIndex {
	starts := make([]int, 1, len(text)/32+1)
	for i := 0; i < len(text); i++ {
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
