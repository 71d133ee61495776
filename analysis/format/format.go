// Package format formats Dockerfiles as byte edits: document, range and
// on-type formatting. It only ever changes whitespace and the case of
// keywords, and only where BuildKit reads the result the same way:
//
//   - instruction keywords in upper case (also the instruction after ONBUILD,
//     AS in FROM and CMD/NONE in HEALTHCHECK);
//   - no indentation before an instruction, one space after its keyword;
//   - continuation lines indented by one level (Options.Indent), deeper lines
//     keeping their extra depth, or left as written (Options.KeepIndent);
//   - no trailing whitespace.
//
// Heredoc bodies and terminators, JSON (exec form) arguments, the directive
// block and the text of comments are never touched. A continuation line is
// re-indented only where its leading whitespace is a plain word separator:
// not inside quotes, not where indentation would split or join words, and not
// in instructions BuildKit reads verbatim (MAINTAINER, STOPSIGNAL, USER,
// WORKDIR, the legacy `ENV key value` and `LABEL key value` forms).
// Formatting is idempotent.
package format

import (
	"sort"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Options configure formatting.
type Options struct {
	// Indent is one level of continuation indentation; four spaces when empty.
	Indent string
	// TabWidth is the width of a tab when comparing indentation; 4 when zero.
	TabWidth int
	// KeepIndent leaves the indentation of continuation lines as written.
	KeepIndent bool
}

func (o Options) normalised() Options {
	if o.Indent == "" || strings.Trim(o.Indent, " \t") != "" {
		o.Indent = "    "
	}
	if o.TabWidth <= 0 {
		o.TabWidth = 4
	}
	return o
}

// Document returns the edits that format the whole file, sorted and
// non-overlapping.
func Document(f *syntax.File, opt Options) []analysis.Edit {
	fm := formatter{f: f, text: f.Text, opt: opt.normalised()}
	fm.run()
	return fm.edits
}

// Range returns the edits of Document for the lines of r, widened to whole
// instructions.
func Range(f *syntax.File, r syntax.Range, opt Options) []analysis.Edit {
	text := f.Text
	r.Start = lineStart(text, max(0, min(r.Start, len(text))))
	r.End = syntax.LineEnd(text, max(r.Start, min(r.End, len(text))))
	for i := 0; i < f.Len(); i++ {
		n := f.Node(i)
		nr := syntax.Range{Start: lineStart(text, n.Offset), End: n.Range().End}
		if nr.End >= r.Start && nr.Start <= r.End {
			r.Start, r.End = min(r.Start, nr.Start), max(r.End, nr.End)
		}
	}
	var out []analysis.Edit
	for _, e := range Document(f, opt) {
		if e.Range.End >= r.Start && e.Range.Start <= r.End {
			out = append(out, e)
		}
	}
	return out
}

// TriggerCharacters are the characters after which OnType formats.
var TriggerCharacters = []string{"\n", " "}

// OnType formats after ch was typed, off being the offset right after it:
// after a newline, the line just finished is formatted and a new
// continuation line gets its indentation; after a space, the keyword before
// it is upper-cased.
func OnType(f *syntax.File, off int, ch string, opt Options) []analysis.Edit {
	opt = opt.normalised()
	text := f.Text
	off = max(0, min(off, len(text)))
	switch ch {
	case "\n", "\r\n":
		ls := lineStart(text, off)
		if ls == 0 {
			return nil
		}
		prevEnd := contentEndBefore(text, ls)
		prevStart := lineStart(text, prevEnd)
		var out []analysis.Edit
		for _, e := range Document(f, opt) {
			if e.Range.Start >= prevStart && e.Range.End <= prevEnd {
				out = append(out, e)
			}
		}
		if e, ok := newLineIndent(f, prevStart, prevEnd, ls, off, opt, out); ok {
			out = append(out, e)
		}
		return out
	case " ":
		if off < 2 {
			return nil
		}
		var out []analysis.Edit
		for _, e := range Document(f, opt) {
			// Only the casing of the word right before the space.
			if e.Range.End == off-1 && e.Range.Len() == len(e.NewText) && strings.ToUpper(text[e.Range.Start:e.Range.End]) == e.NewText {
				out = append(out, e)
			}
		}
		return out
	}
	return nil
}

// newLineIndent indents a fresh line (blank up to the cursor) that continues
// the instruction of the previous line.
func newLineIndent(f *syntax.File, prevStart, prevEnd, ls, off int, opt Options, prevEdits []analysis.Edit) (analysis.Edit, bool) {
	text := f.Text
	if strings.Trim(text[ls:off], " \t") != "" {
		return analysis.Edit{}, false
	}
	prev := strings.TrimRight(text[prevStart:prevEnd], " \t")
	if !strings.HasSuffix(prev, string(f.Escape)) {
		return analysis.Edit{}, false
	}
	i := f.NodeAt(prevStart + leadingBlanks(text[prevStart:prevEnd]))
	if i < 0 {
		return analysis.Edit{}, false
	}
	n := f.Node(i)
	if n.Kind() != syntax.KindInstruction || !reindentable(n, text) {
		return analysis.Edit{}, false
	}
	indent := opt.Indent
	if prevStart > lineStart(text, n.Offset) {
		// A continuation line after another one keeps its indentation, as
		// formatting the previous line leaves it.
		lead := prevStart + leadingBlanks(text[prevStart:prevEnd])
		indent = text[prevStart:lead]
		for _, e := range prevEdits {
			if e.Range.Start == prevStart && e.Range.End == lead {
				indent = e.NewText
			}
		}
	}
	end := ls + leadingBlanks(text[ls:syntax.LineEnd(text, ls)])
	if text[ls:end] == indent {
		return analysis.Edit{}, false
	}
	return analysis.Edit{Range: syntax.Range{Start: ls, End: end}, NewText: indent}, true
}

type formatter struct {
	f     *syntax.File
	text  string
	opt   Options
	edits []analysis.Edit
}

func (fm *formatter) edit(start, end int, s string) {
	if fm.text[start:end] != s {
		fm.edits = append(fm.edits, analysis.Edit{Range: syntax.Range{Start: start, End: end}, NewText: s})
	}
}

func (fm *formatter) run() {
	text := fm.text
	p := fm.bodyStart()
	for i := 0; i < fm.f.Len(); i++ {
		n := fm.f.Node(i)
		ls := lineStart(text, n.Offset)
		if ls < p { // cannot happen; stay safe
			ls = p
		}
		fm.blankLines(p, ls)
		if n.Kind() == syntax.KindComment {
			fm.trimTrailing(n.Offset, n.Range().End)
		} else {
			fm.edit(ls, n.Offset, "")
			fm.instruction(n)
		}
		p = syntax.NextLine(text, n.Range().End)
	}
	fm.blankLines(p, len(text))
	sort.SliceStable(fm.edits, func(i, j int) bool { return fm.edits[i].Range.Start < fm.edits[j].Range.Start })
}

// bodyStart is the first line after the directive block, which is never touched.
func (fm *formatter) bodyStart() int {
	p := 0
	if strings.HasPrefix(fm.text, "\xef\xbb\xbf") {
		p = 3
	}
	if k := len(fm.f.Directives); k > 0 {
		p = syntax.NextLine(fm.text, fm.f.Directives[k-1].Range.End)
	}
	return p
}

// blankLines empties the whitespace-only lines of [p, end), where end is a
// line start or the end of the text.
func (fm *formatter) blankLines(p, end int) {
	for p < end {
		e := syntax.LineEnd(fm.text, p)
		if e > end {
			e = end
		}
		if strings.Trim(fm.text[p:e], " \t") == "" {
			fm.edit(p, e, "")
		}
		p = syntax.NextLine(fm.text, e)
	}
}

func (fm *formatter) trimTrailing(start, e int) {
	fm.edit(trailingBlanks(fm.text, start, e), e, "")
}

// trailingBlanks is where the blanks that end text[start:e] begin, or e when
// they follow a "\r": removing them would make that "\r" part of the line's
// terminator, and BuildKit would read the line differently (a continuation
// where there was none).
func trailingBlanks(text string, start, e int) int {
	t := e
	for t > start && isBlank(text[t-1]) {
		t--
	}
	if t > start && text[t-1] == '\r' {
		return e
	}
	return t
}

// verbatim are the instructions whose arguments BuildKit keeps as one raw string.
var verbatim = map[string]bool{"MAINTAINER": true, "STOPSIGNAL": true, "USER": true, "WORKDIR": true}

var known = map[string]bool{
	"ADD": true, "ARG": true, "CMD": true, "COPY": true, "ENTRYPOINT": true, "ENV": true,
	"EXPOSE": true, "FROM": true, "HEALTHCHECK": true, "LABEL": true, "MAINTAINER": true,
	"ONBUILD": true, "RUN": true, "SHELL": true, "STOPSIGNAL": true, "USER": true,
	"VOLUME": true, "WORKDIR": true,
}

// reindentable reports whether the whitespace at the start of n's
// continuation lines only separates words.
func reindentable(n syntax.Node, text string) bool {
	cmd := n.Command()
	if inner, ok := n.OnBuild(); ok {
		n, cmd = inner, inner.Command()
	}
	if !known[cmd] || cmd == "ONBUILD" || verbatim[cmd] || n.IsJSON() {
		return false
	}
	if ar := n.ArgsRange(); ar.Len() > 0 && text[ar.Start] == '[' {
		return false // exec form, even while it is not valid JSON yet
	}
	args := n.Args()
	switch cmd {
	case "ENV", "LABEL":
		if len(args) > 0 && !strings.Contains(args[0].Value, "=") {
			return false // legacy `ENV key value with spaces`
		}
	case "HEALTHCHECK":
		if len(args) > 1 && strings.HasPrefix(args[1].Value, "[") {
			return false
		}
	}
	return true
}

// instruction formats one instruction node.
func (fm *formatter) instruction(n syntax.Node) {
	kw := n.Keyword()
	if !known[strings.ToUpper(kw.Value)] {
		fm.lines(n, false)
		return
	}
	fm.keyword(kw)
	inner, hasInner := n.OnBuild()
	if hasInner && known[strings.ToUpper(inner.Keyword().Value)] {
		fm.keyword(inner.Keyword())
	}
	sub := n
	if hasInner {
		sub = inner
	}
	args := sub.Args()
	switch sub.Command() {
	case "FROM":
		if len(args) >= 3 && strings.EqualFold(args[1].Value, "as") && args[1].Range.Len() == 2 {
			fm.edit(args[1].Range.Start, args[1].Range.End, "AS")
		}
	case "HEALTHCHECK":
		if len(args) > 0 && (strings.EqualFold(args[0].Value, "cmd") || strings.EqualFold(args[0].Value, "none")) && args[0].Range.Len() == len(args[0].Value) {
			fm.edit(args[0].Range.Start, args[0].Range.End, strings.ToUpper(args[0].Value))
		}
	}
	fm.lines(n, !fm.opt.KeepIndent && reindentable(n, fm.text))
}

// keyword upper-cases a keyword and leaves one space after it when more
// follows on its line.
func (fm *formatter) keyword(kw syntax.Word) {
	text := fm.text
	if kw.Range.Len() != len(kw.Value) || text[kw.Range.Start:kw.Range.End] != kw.Value {
		return // spans a continuation: leave it
	}
	fm.edit(kw.Range.Start, kw.Range.End, strings.ToUpper(kw.Value))
	g := kw.Range.End
	for g < len(text) && isBlank(text[g]) {
		g++
	}
	if g > kw.Range.End && g < len(text) && text[g] != '\n' && text[g] != '\r' {
		fm.edit(kw.Range.End, g, " ")
	}
}

// line is one physical line of an instruction's command text.
type line struct {
	start, lead, trim, end int // line start, first non-blank, end without trailing blanks, content end
	kind                   int // lineCode, lineComment, lineBlank
	cont                   bool
	eligible               bool
	width                  int
}

const (
	lineCode = iota
	lineComment
	lineBlank
)

// lines trims trailing whitespace of the command lines of n and, when
// reindent is set, normalises the indentation of its continuation lines.
func (fm *formatter) lines(n syntax.Node, reindent bool) {
	text := fm.text
	esc := fm.f.Escape
	cmdEnd := n.Range().End
	if hs := n.Heredocs(); len(hs) > 0 {
		cmdEnd = contentEndBefore(text, hs[0].Body.Start)
		if cmdEnd < n.Offset {
			cmdEnd = n.Offset
		}
	}
	var ls []line
	quote := byte(0)
	prevEndsBlank := false
	for p := n.Offset; ; {
		e := min(syntax.LineEnd(text, p), cmdEnd)
		l := line{start: p, end: e}
		if p == n.Offset {
			l.start = lineStart(text, p)
		}
		l.lead = p + leadingBlanks(text[p:e])
		l.trim = trailingBlanks(text, l.lead, e)
		switch {
		case l.lead == e:
			l.kind, l.trim = lineBlank, p
		case text[l.lead] == '#' && p != n.Offset:
			l.kind = lineComment
		default:
			l.kind = lineCode
			l.cont = text[l.trim-1] == esc
			content := text[l.lead:l.trim]
			if l.cont {
				content = content[:len(content)-1]
			}
			if p != n.Offset {
				l.width = fm.width(text[p:l.lead])
				l.eligible = quote == 0 && (l.width > 0 || prevEndsBlank)
			}
			quote = scanQuotes(content, quote, esc)
			prevEndsBlank = content != "" && isBlank(content[len(content)-1])
		}
		ls = append(ls, l)
		if e >= cmdEnd {
			break
		}
		p = syntax.NextLine(text, e)
		if p > cmdEnd {
			break
		}
	}
	minWidth := -1
	for _, l := range ls {
		if l.kind == lineCode && l.eligible && (minWidth < 0 || l.width < minWidth) {
			minWidth = l.width
		}
	}
	for i, l := range ls {
		fm.edit(l.trim, l.end, "")
		if !reindent || i == 0 {
			continue
		}
		switch {
		case l.kind == lineCode && l.eligible:
			fm.edit(l.start, l.lead, fm.indent(l.width-minWidth))
		case l.kind == lineComment:
			w := fm.width(text[l.start:l.lead])
			base := minWidth
			if base < 0 {
				base = w
			}
			fm.edit(l.start, l.lead, fm.indent(max(0, w-base)))
		}
	}
}

// indent is one level of indentation plus extra columns.
func (fm *formatter) indent(extra int) string {
	unit := fm.width(fm.opt.Indent)
	return fm.opt.Indent + strings.Repeat(fm.opt.Indent, extra/unit) + strings.Repeat(" ", extra%unit)
}

// width measures leading whitespace in columns.
func (fm *formatter) width(s string) int {
	w := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\t' {
			w += fm.opt.TabWidth - w%fm.opt.TabWidth
		} else {
			w++
		}
	}
	return w
}

// scanQuotes advances the shell quote state over s: 0 outside quotes, else
// the open quote character.
func scanQuotes(s string, quote, esc byte) byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
		case c == esc:
			i++
		case quote == '"':
			if c == '"' {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		}
	}
	return quote
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func leadingBlanks(s string) int {
	i := 0
	for i < len(s) && isBlank(s[i]) {
		i++
	}
	return i
}

func lineStart(text string, off int) int {
	i := strings.LastIndexAny(text[:off], "\r\n") + 1
	if i == 0 && strings.HasPrefix(text, "\xef\xbb\xbf") && off >= 3 {
		return 3
	}
	return i
}

// contentEndBefore is the end of the content of the line before the line
// starting at p.
func contentEndBefore(text string, p int) int {
	switch {
	case p == 0 || (text[p-1] != '\n' && text[p-1] != '\r'):
		return p
	case text[p-1] == '\n' && p >= 2 && text[p-2] == '\r':
		return p - 2
	default:
		return p - 1
	}
}
