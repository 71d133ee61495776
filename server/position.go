package server

import (
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// encoding is the unit LSP columns are counted in, negotiated at initialize.
// Everything inside the server works on byte offsets; conversion happens only
// here, at the edge.
type encoding int

const (
	encUTF16 encoding = iota // the LSP default, what every client supports
	encUTF8
	encUTF32
)

func (e encoding) kind() protocol.PositionEncodingKind {
	switch e {
	case encUTF8:
		return protocol.PositionEncodingKindUTF8
	case encUTF32:
		return protocol.PositionEncodingKindUTF32
	}
	return protocol.PositionEncodingKindUTF16
}

// negotiateEncoding picks utf-8 when the client offers it (no conversion
// cost), else utf-16, which every client must support. utf-32 is chosen only
// when the client offers nothing else we know.
func negotiateEncoding(offered []protocol.PositionEncodingKind) encoding {
	has := map[protocol.PositionEncodingKind]bool{}
	for _, k := range offered {
		has[k] = true
	}
	switch {
	case has[protocol.PositionEncodingKindUTF8]:
		return encUTF8
	case has[protocol.PositionEncodingKindUTF16] || len(offered) == 0:
		return encUTF16
	case has[protocol.PositionEncodingKindUTF32]:
		return encUTF32
	}
	return encUTF16
}

// units is how many columns r takes in e.
func (e encoding) units(r rune, size int) int {
	switch e {
	case encUTF8:
		return size
	case encUTF32:
		return 1
	}
	if r >= 0x10000 && r != utf8.RuneError {
		return 2 // a surrogate pair
	}
	return 1
}

// offset converts an LSP position to a byte offset into text. It never fails:
// a line past the end gives the end of the text, a column past the end of its
// line gives the end of the line (before its terminator), and a column inside
// a character (half a surrogate pair, the middle of a UTF-8 sequence) gives
// the start of that character.
func (e encoding) offset(text string, lines *syntax.LineIndex, p protocol.Position) int {
	line := int(p.Line)
	if line >= lines.Lines() {
		return len(text)
	}
	start, end := lines.LineStart(line), lines.LineEnd(line)
	want := int(p.Character)
	col := 0
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:end])
		n := e.units(r, size)
		if col+n > want {
			return i
		}
		col += n
		i += size
	}
	return end
}

// position converts a byte offset into text to an LSP position (clamped into
// the text). To convert many offsets, use a columns.
func (e encoding) position(text string, lines *syntax.LineIndex, off int) protocol.Position {
	c := e.columns(text, lines)
	return c.position(off)
}

// rangeOf converts a byte range to an LSP range.
func (e encoding) rangeOf(f *syntax.File, r syntax.Range) protocol.Range {
	c := e.columns(f.Text, f.Lines())
	return c.rangeOf(r)
}

// columns converts a series of byte offsets to LSP positions. It remembers
// how far it counted on the last line it saw, so offsets in increasing order
// cost one pass over each line in all, where converting each one from the
// start of its line is quadratic on a long line with many tokens.
type columns struct {
	e     encoding
	text  string
	lines *syntax.LineIndex
	line  int // the line counted on, -1 for none
	at    int // the offset counted up to, a character boundary on line
	col   int // the columns from the line's start to at
}

func (e encoding) columns(text string, lines *syntax.LineIndex) *columns {
	return &columns{e: e, text: text, lines: lines, line: -1}
}

func (c *columns) position(off int) protocol.Position {
	line, byteCol := c.lines.Position(off)
	if c.e == encUTF8 {
		return protocol.Position{Line: uint32(line), Character: uint32(byteCol)}
	}
	target := c.lines.LineStart(line) + byteCol
	if line != c.line || target < c.at {
		c.line, c.at, c.col = line, c.lines.LineStart(line), 0
	}
	end := c.lines.LineEnd(line)
	for c.at < target {
		r, size := utf8.DecodeRuneInString(c.text[c.at:end])
		if c.at+size > target {
			break // a character cut by target: counted below, byte by byte
		}
		c.col += c.e.units(r, size)
		c.at += size
	}
	col := c.col
	for i := c.at; i < target; {
		// What is left is part of one character: the bytes count as
		// invalid ones, as they would in text[start:target] on its own.
		r, size := utf8.DecodeRuneInString(c.text[i:target])
		col += c.e.units(r, size)
		i += size
	}
	return protocol.Position{Line: uint32(line), Character: uint32(col)}
}

func (c *columns) rangeOf(r syntax.Range) protocol.Range {
	start := c.position(r.Start)
	return protocol.Range{Start: start, End: c.position(max(r.Start, r.End))}
}

// byteRange converts an LSP range to a byte range, clamped and ordered.
func (e encoding) byteRange(f *syntax.File, r protocol.Range) syntax.Range {
	lines := f.Lines()
	start := e.offset(f.Text, lines, r.Start)
	end := e.offset(f.Text, lines, r.End)
	if end < start {
		start, end = end, start
	}
	return syntax.Range{Start: start, End: end}
}
