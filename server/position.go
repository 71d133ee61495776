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
// the text).
func (e encoding) position(text string, lines *syntax.LineIndex, off int) protocol.Position {
	line, byteCol := lines.Position(off)
	start := lines.LineStart(line)
	col := 0
	if e == encUTF8 {
		col = byteCol
	} else {
		for i := start; i < start+byteCol; {
			r, size := utf8.DecodeRuneInString(text[i : start+byteCol])
			col += e.units(r, size)
			i += size
		}
	}
	return protocol.Position{Line: uint32(line), Character: uint32(col)}
}

// rangeOf converts a byte range to an LSP range.
func (e encoding) rangeOf(f *syntax.File, r syntax.Range) protocol.Range {
	lines := f.Lines()
	return protocol.Range{
		Start: e.position(f.Text, lines, r.Start),
		End:   e.position(f.Text, lines, max(r.Start, r.End)),
	}
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
