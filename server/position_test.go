package server

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

func TestNegotiateEncoding(t *testing.T) {
	for _, tc := range []struct {
		offered []protocol.PositionEncodingKind
		want    encoding
	}{
		{nil, encUTF16},
		{[]protocol.PositionEncodingKind{"utf-16"}, encUTF16},
		{[]protocol.PositionEncodingKind{"utf-16", "utf-8"}, encUTF8}, // utf-8 wins: no conversion
		{[]protocol.PositionEncodingKind{"utf-32", "utf-16"}, encUTF16},
		{[]protocol.PositionEncodingKind{"utf-32"}, encUTF32},
		{[]protocol.PositionEncodingKind{"latin-1"}, encUTF16}, // utf-16 is always allowed
	} {
		if got := negotiateEncoding(tc.offered); got != tc.want {
			t.Errorf("negotiateEncoding(%v) = %v, want %v", tc.offered, got, tc.want)
		}
	}
}

// text has every hard case: a BOM, a tab, CRLF, a lone CR, two-byte and
// three-byte characters, and an emoji outside the BMP (a surrogate pair in
// UTF-16, four bytes in UTF-8).
const text = "\ufeffFROM a\r\n\tRUN é\rCOPY 日😀x\nEND"

func TestPosition(t *testing.T) {
	lines := syntax.NewLineIndex(text)
	for _, tc := range []struct {
		name                string
		off                 int
		u8, u16, u32, line_ int
	}{
		{"start", 0, 0, 0, 0, 0},
		{"after the BOM", 3, 3, 1, 1, 0},
		{"end of line 0, before CRLF", 9, 9, 7, 7, 0},
		{"after the tab", 12, 1, 1, 1, 1},
		{"after é", 18, 7, 6, 6, 1},
		{"after the lone CR", 19, 0, 0, 0, 2},
		{"after 日", 27, 8, 6, 6, 2},
		{"after 😀", 31, 12, 8, 7, 2},
		{"end of line 2", 32, 13, 9, 8, 2},
		{"end of text", len(text), 3, 3, 3, 3},
		{"past the end", len(text) + 10, 3, 3, 3, 3},
	} {
		for _, e := range []struct {
			enc  encoding
			want int
		}{{encUTF8, tc.u8}, {encUTF16, tc.u16}, {encUTF32, tc.u32}} {
			got := e.enc.position(text, lines, tc.off)
			if int(got.Line) != tc.line_ || int(got.Character) != e.want {
				t.Errorf("%s: %v.position(%d) = %d:%d, want %d:%d", tc.name, e.enc.kind(), tc.off, got.Line, got.Character, tc.line_, e.want)
			}
		}
	}
}

func TestOffset(t *testing.T) {
	lines := syntax.NewLineIndex(text)
	for _, tc := range []struct {
		name      string
		enc       encoding
		line, col uint32
		want      int
	}{
		{"utf-16 after the BOM", encUTF16, 0, 1, 3},
		{"utf-8 after the BOM", encUTF8, 0, 3, 3},
		{"utf-8 inside the BOM snaps back", encUTF8, 0, 2, 0},
		{"past the end of a CRLF line stops before CR", encUTF16, 0, 99, 9},
		{"past the end of a lone-CR line", encUTF16, 1, 99, 18},
		{"utf-16 inside the surrogate pair snaps back", encUTF16, 2, 7, 27},
		{"utf-16 after the surrogate pair", encUTF16, 2, 8, 31},
		{"utf-32 after the emoji", encUTF32, 2, 7, 31},
		{"utf-8 inside the emoji snaps back", encUTF8, 2, 10, 27},
		{"line past the end gives the end", encUTF16, 9, 0, len(text)},
		{"last line", encUTF16, 3, 2, len(text) - 1},
	} {
		got := tc.enc.offset(text, lines, protocol.Position{Line: tc.line, Character: tc.col})
		if got != tc.want {
			t.Errorf("%s: offset(%d:%d) = %d, want %d", tc.name, tc.line, tc.col, got, tc.want)
		}
	}
}

// Every character boundary survives the round trip offset → position →
// offset in every encoding.
func TestPositionRoundTrip(t *testing.T) {
	for _, s := range []string{text, "", "\n", "\r\n\r\n", "a\rb\r\nc\nd", "😀😀\n😀", "no newline at end"} {
		lines := syntax.NewLineIndex(s)
		for _, enc := range []encoding{encUTF8, encUTF16, encUTF32} {
			for off := 0; off <= len(s); off++ {
				if off < len(s) && !utf8.RuneStart(s[off]) {
					continue
				}
				if off > 0 && s[off-1] == '\r' && off < len(s) && s[off] == '\n' {
					continue // between CR and LF is no position
				}
				p := enc.position(s, lines, off)
				if back := enc.offset(s, lines, p); back != off {
					t.Errorf("%q %v: offset %d -> %d:%d -> %d", s, enc.kind(), off, p.Line, p.Character, back)
				}
			}
		}
	}
}

// positionFromLineStart is the conversion columns replaced: it counts every
// offset from the start of its line. Kept as the reference.
func positionFromLineStart(e encoding, text string, lines *syntax.LineIndex, off int) protocol.Position {
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

// columns gives what the per-offset conversion gives, for offsets in any
// order (increasing, as tokens come, and random), on random texts of ASCII,
// accents, CJK, emoji, broken UTF-8 and every line ending.
func TestColumnsMatchPerOffsetConversion(t *testing.T) {
	pieces := []string{"a", "$A", " ", "\t", "é", "日", "😀", "\U0001F468\u200d\U0001F469", "\ufeff", "\n", "\r\n", "\r", "\xff", "\xe6\x97", "\xf0\x9f\x98"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(60) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		lines := syntax.NewLineIndex(s)
		for _, enc := range []encoding{encUTF8, encUTF16, encUTF32} {
			increasing := enc.columns(s, lines)
			for off := -1; off <= len(s)+1; off++ {
				want := positionFromLineStart(enc, s, lines, max(0, min(off, len(s))))
				if got := increasing.position(off); got != want {
					t.Fatalf("%q %v: offset %d in order gives %v, want %v", s, enc.kind(), off, got, want)
				}
			}
			random := enc.columns(s, lines)
			for range 3 * len(s) {
				off := rng.IntN(len(s) + 1)
				want := positionFromLineStart(enc, s, lines, off)
				if got := random.position(off); got != want {
					t.Fatalf("%q %v: offset %d at random gives %v, want %v", s, enc.kind(), off, got, want)
				}
			}
		}
	}
}
