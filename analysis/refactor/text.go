package refactor

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// textBuilder assembles a new text from ranges of the old one, kept in
// increasing order, and new text; it records the edits that turn the old
// text into the new one. Everything between two kept ranges is replaced by
// what was inserted between them.
type textBuilder struct {
	old     string
	pos     int // end of the last kept range
	out     strings.Builder
	pending strings.Builder // inserted since the last kept range
	edits   []analysis.Edit
	// placeholders are spans of the output text; finish maps them to edits.
	placeholders []syntax.Range
}

func newBuilder(old string) *textBuilder { return &textBuilder{old: old} }

// keep copies old[r] to the output; r must not start before the end of the
// previous kept range.
func (b *textBuilder) keep(r syntax.Range) {
	if r.Start < b.pos {
		r.Start = b.pos
	}
	if r.End <= r.Start {
		return
	}
	b.flush(r.Start)
	b.out.WriteString(b.old[r.Start:r.End])
	b.pos = r.End
}

// keepTo keeps everything from the current position to end.
func (b *textBuilder) keepTo(end int) { b.keep(syntax.Range{Start: b.pos, End: end}) }

// skipTo drops the old text up to end (replaced by whatever is inserted).
func (b *textBuilder) skipTo(end int) {
	b.flush(end)
}

func (b *textBuilder) flush(upto int) {
	if upto > b.pos || b.pending.Len() > 0 {
		b.edits = append(b.edits, analysis.Edit{Range: syntax.Range{Start: b.pos, End: upto}, NewText: b.pending.String()})
		b.pending.Reset()
		b.pos = upto
	}
}

// insert adds new text at the current position.
func (b *textBuilder) insert(s string) {
	b.pending.WriteString(s)
	b.out.WriteString(s)
}

// placeholder inserts s and marks it as a placeholder.
func (b *textBuilder) placeholder(s string) {
	start := b.out.Len()
	b.insert(s)
	b.placeholders = append(b.placeholders, syntax.Range{Start: start, End: b.out.Len()})
}

// finish drops the rest of the old text after the last kept range unless
// keepRest is set, and returns the new text, the edits and the placeholders
// located in the edits.
func (b *textBuilder) finish(keepRest bool) (string, []analysis.Edit, []Placeholder) {
	if keepRest {
		b.keepTo(len(b.old))
	}
	b.flush(len(b.old))
	text := b.out.String()
	// Locate placeholders: walk the edits, tracking where each edit's new
	// text lands in the output.
	var phs []Placeholder
	delta := 0
	for i, e := range b.edits {
		start := e.Range.Start + delta
		end := start + len(e.NewText)
		for _, p := range b.placeholders {
			if p.Start >= start && p.End <= end {
				phs = append(phs, Placeholder{Edit: i, Start: p.Start - start, End: p.End - start})
			}
		}
		delta += len(e.NewText) - e.Range.Len()
	}
	return text, b.edits, phs
}

// eolOf is the file's line terminator: CRLF when most lines use it.
func eolOf(text string) string {
	crlf := strings.Count(text, "\r\n")
	lf := strings.Count(text, "\n") - crlf
	if crlf > lf {
		return "\r\n"
	}
	return "\n"
}

// lineStart is the offset of the start of the line holding off.
func lineStart(text string, off int) int {
	for off > 0 && text[off-1] != '\n' && text[off-1] != '\r' {
		off--
	}
	return off
}

// wholeLines widens r to its full lines, terminator of the last included.
func wholeLines(text string, r syntax.Range) syntax.Range {
	return syntax.Range{Start: lineStart(text, r.Start), End: syntax.NextLine(text, syntax.LineEnd(text, r.End))}
}

// linesText is the text of r's full lines without the final terminator and
// with every line terminator replaced by eol.
func linesText(text string, r syntax.Range, eol string) string {
	s := text[lineStart(text, r.Start):syntax.LineEnd(text, r.End)]
	return normalizeEOL(s, eol)
}

// normalizeEOL rewrites every line terminator of s as eol. A lone "\r" is
// not one: BuildKit reads it as part of the line, so it stays.
func normalizeEOL(s, eol string) string {
	if strings.IndexByte(s, '\n') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if eol != "\n" {
		s = strings.ReplaceAll(s, "\n", eol)
	}
	return s
}

// commentOut prefixes every line of s with "# ".
func commentOut(s, eol string) string {
	lines := strings.Split(normalizeEOL(s, "\n"), "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			lines[i] = "#"
		} else {
			lines[i] = "# " + l
		}
	}
	return strings.Join(lines, eol)
}

// style writes generated instructions in the case the file uses.
type style struct {
	lower bool
	eol   string
}

func styleOf(f *syntax.File) style {
	st := style{eol: eolOf(f.Text)}
	for _, n := range f.Instructions() {
		kw := n.Keyword().Value
		st.lower = kw != "" && kw == strings.ToLower(kw)
		break
	}
	return st
}

// kw is an instruction keyword in the file's case.
func (s style) kw(k string) string {
	if s.lower {
		return strings.ToLower(k)
	}
	return k
}

// line is an instruction line: keyword and the rest.
func (s style) line(k, rest string) string {
	if rest == "" {
		return s.kw(k) + s.eol
	}
	return s.kw(k) + " " + rest + s.eol
}
