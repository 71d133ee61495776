package syntax

import (
	"encoding/json"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

const bom = "\xef\xbb\xbf"

// Parse scans text. It never fails and never panics: whatever the input, the
// result covers every instruction and comment it contains.
func Parse(text string) *File {
	f := &File{Text: text}
	f.scanDirectives()
	s := scanner{text: text, esc: f.Escape}
	f.nodes, f.offsets = s.scan(f.bodyStart, nil, nil, nil)
	return f
}

// directiveLine is BuildKit's pattern for a parser directive.
var directiveLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$`)
})

var knownDirectives = map[string]bool{"syntax": true, "escape": true, "check": true}

// scanDirectives reads the directive block the way BuildKit does: directives
// are only recognised before the first line that is not one (a blank line, an
// instruction, an ordinary comment, an unknown or repeated directive).
func (f *File) scanDirectives() {
	f.Escape = '\\'
	s := scanner{text: f.Text}
	p := 0
	if strings.HasPrefix(f.Text, bom) {
		p = len(bom)
	}
	for {
		e := s.lineEnd(p)
		lead := p + leadingBlanks(f.Text[p:e])
		m := directiveLine().FindStringSubmatchIndex(f.Text[lead:e])
		name := ""
		if m != nil {
			name = strings.ToLower(f.Text[lead+m[2] : lead+m[3]])
		}
		if m == nil || !knownDirectives[name] || f.hasDirective(name) || m[5] == m[4] {
			f.bodyStart = p
			f.directivesEnd = s.examined(e)
			return
		}
		d := Directive{
			Name:       name,
			Value:      f.Text[lead+m[4] : lead+m[5]],
			Range:      Range{lead, e},
			NameRange:  Range{lead + m[2], lead + m[3]},
			ValueRange: Range{lead + m[4], lead + m[5]},
		}
		if name == "escape" && d.Value == "`" {
			f.Escape = '`'
		}
		f.Directives = append(f.Directives, d)
		p = s.next(e)
	}
}

func (f *File) hasDirective(name string) bool {
	_, ok := f.Directive(name)
	return ok
}

// leadingBlanks is the length of the white space that starts s, by BuildKit's
// measure (unicode.IsSpace): it decides which lines are blank, which are
// comments and where an instruction starts.
func leadingBlanks(s string) int {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += n
	}
	return len(s)
}

type scanner struct {
	text string
	esc  byte
	// detach copies each node's text out of the file's, so that a node
	// reused by later edits does not keep this version of the file alive.
	// A full scan does not need it: its nodes die with its text, or outlive
	// it as the one version they pin.
	detach bool
}

// lineEnd is the end of the content of the line containing p.
func (s *scanner) lineEnd(p int) int { return LineEnd(s.text, p) }

// LineEnd is the end of the content of the line of text holding p. Lines are
// read as BuildKit reads them: they end at "\n", and the "\r"s before it (or
// before the end of the text) are not content; a "\r" anywhere else is part
// of the line, not the end of it.
func LineEnd(text string, p int) int {
	e := len(text)
	if i := strings.IndexByte(text[p:], '\n'); i >= 0 {
		e = p + i
	}
	for e > p && text[e-1] == '\r' {
		e--
	}
	return e
}

// next is the start of the line after a line whose content ends at e.
func (s *scanner) next(e int) int { return NextLine(s.text, e) }

// NextLine is the start of the line after one whose content ends at e (the
// end of text when there is none).
func NextLine(text string, e int) int {
	if i := strings.IndexByte(text[e:], '\n'); i >= 0 {
		return e + i + 1
	}
	return len(text)
}

// examined is the exclusive end of what reading the line whose content ends
// at e looked at: through its "\n", or one past the text when the line is
// the last one (so that appending text counts as touching it).
func (s *scanner) examined(e int) int {
	if i := strings.IndexByte(s.text[e:], '\n'); i >= 0 {
		return e + i + 1
	}
	return len(s.text) + 1
}

// scan reads nodes from the line starting at p to the end of the text. When
// resync is non-nil it is asked at every node start whether the rest of the
// file is already known; if it says so, scanning stops there.
func (s *scanner) scan(p int, nodes []*Instruction, offsets []int, resync func(p int) bool) ([]*Instruction, []int) {
	for p < len(s.text) {
		e := s.lineEnd(p)
		start := p + leadingBlanks(s.text[p:e])
		if start == 0 && strings.HasPrefix(s.text, bom) {
			start = len(bom) + leadingBlanks(s.text[len(bom):e])
		}
		if start == e {
			p = s.next(e)
			continue
		}
		if resync != nil && resync(start) {
			break
		}
		in := s.node(start)
		nodes = append(nodes, in)
		offsets = append(offsets, start)
		p = s.next(start + in.length)
	}
	return nodes, offsets
}

// node scans the comment or instruction starting at start (a non-blank byte).
func (s *scanner) node(start int) *Instruction {
	if s.text[start] == '#' {
		e := s.lineEnd(start)
		return &Instruction{kind: KindComment, length: e - start, look: s.examined(e) - start, text: s.own(s.text[start:e])}
	}
	// Collect the physical lines of the logical instruction.
	type piece struct{ start, end int } // absolute, continuation character removed
	var pieces []piece
	p, end, look := start, start, start
	for {
		e := s.lineEnd(p)
		content := e
		for content > p && (s.text[content-1] == ' ' || s.text[content-1] == '\t') {
			content--
		}
		// BuildKit's rule: the escape character ends the line and is not
		// itself escaped, so "a \\\\" ends the instruction.
		cont := content > p && s.text[content-1] == s.esc && (content-1 == p || s.text[content-2] != s.esc)
		if cont {
			content--
		} else {
			content = e
		}
		pieces = append(pieces, piece{p, content})
		end, look = e, s.examined(e)
		if !cont || e >= len(s.text) {
			break
		}
		// Blank and comment lines inside a continuation are skipped.
		q := s.next(e)
		for q < len(s.text) {
			qe := s.lineEnd(q)
			rest := s.text[q+leadingBlanks(s.text[q:qe]) : qe]
			if rest != "" && rest[0] != '#' {
				break
			}
			look = s.examined(qe)
			q = s.next(qe)
		}
		if q >= len(s.text) {
			look = len(s.text) + 1
			break
		}
		p = q
	}

	in := &Instruction{kind: KindInstruction}
	lg := logical{}
	for _, pc := range pieces {
		lg.add(pc.start-start, pc.end-pc.start)
	}
	// Heredoc bodies follow the logical line; their extent is known only
	// after the markers are read, so the node text is cut afterwards.
	lg.src = s.text[start:]
	lg.esc = s.esc
	lg.build()
	lg.parse(in, 0)
	cmd := in // the command that may carry heredocs: ONBUILD's own, as for BuildKit
	if in.onbuild != nil {
		cmd = in.onbuild
	}
	if heredocCommands[strings.ToUpper(cmd.keyword.Value)] && !cmd.json && strings.Contains(lg.buf, "<<") {
		end, look = s.heredocs(in, cmd, lg.buf, start, end, look)
	}
	in.length = end - start
	in.look = look - start
	in.text = s.own(s.text[start:end])
	lg.retarget(in, in.text, s.detach)
	return in
}

// own returns text, copied when nodes must not point into the file's text.
func (s *scanner) own(text string) string {
	if s.detach {
		return strings.Clone(text)
	}
	return text
}

var heredocCommands = map[string]bool{"RUN": true, "COPY": true, "ADD": true}

var knownKeywords = map[string]bool{
	"ADD": true, "ARG": true, "CMD": true, "COPY": true, "ENTRYPOINT": true, "ENV": true,
	"EXPOSE": true, "FROM": true, "HEALTHCHECK": true, "LABEL": true, "MAINTAINER": true,
	"ONBUILD": true, "RUN": true, "SHELL": true, "STOPSIGNAL": true, "USER": true,
	"VOLUME": true, "WORKDIR": true,
}

// commandNames maps each known keyword, upper-cased, to itself.
var commandNames = func() map[string]string {
	m := make(map[string]string, len(knownKeywords))
	for k := range knownKeywords {
		m[k] = k
	}
	return m
}()

// heredocMarker is the shape of a word that opens a heredoc: <<NAME,
// <<-NAME, with an optional file descriptor and an optionally quoted name.
// BuildKit decides which heredocs a line opens (heredocsOf); this only finds
// the words they were written as.
var heredocMarker = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]*<<-?[^<]+$`) })

// heredocsOf returns the heredocs BuildKit reads from an instruction's
// logical line, in order: it lexes the line as a shell would, with "\\" as
// the escape whatever the directive says, and judges each word with
// BuildKit's own rule. Where BuildKit rejects a word (and the file) none
// are read.
func heredocsOf(line string) []*parser.Heredoc {
	lex := shell.NewLex('\\')
	lex.RawQuotes, lex.RawEscapes, lex.SkipUnsetEnv = true, true, true
	words, _ := lex.ProcessWords(line, noEnv{}) // on a lexing error BuildKit uses what it got too
	var docs []*parser.Heredoc
	for _, w := range words {
		h, err := parser.ParseHeredoc(w)
		if err != nil {
			return nil
		}
		if h != nil {
			docs = append(docs, h)
		}
	}
	return docs
}

// noEnv expands no variable: heredoc names are read before any build arg.
type noEnv struct{}

func (noEnv) Get(string) (string, bool) { return "", false }
func (noEnv) Keys() []string            { return nil }

// heredocs reads the bodies of the heredocs that the logical line of in
// opens from the lines after the instruction line (which ends at end); cmd
// is the command that carries them (in, or the instruction ONBUILD triggers).
func (s *scanner) heredocs(in, cmd *Instruction, line string, start, end, look int) (int, int) {
	docs := heredocsOf(line)
	if len(docs) == 0 {
		return end, look
	}
	var markers []Range
	for _, w := range cmd.args {
		raw := s.text[start+w.Range.Start : start+w.Range.End]
		if !strings.ContainsAny(raw, "\r\n") && heredocMarker().MatchString(raw) {
			markers = append(markers, w.Range)
		}
	}
	q := s.next(end)
	stopped := false
	for k, d := range docs {
		h := Heredoc{Name: d.Name, StripTabs: d.Chomp, Quoted: !d.Expand}
		if k < len(markers) {
			h.Marker = markers[k]
		} else {
			// Lexed differently from the scanner's words: no range to show.
			h.Marker = Range{cmd.argsText.End, cmd.argsText.End}
		}
		h.Body = Range{q, q}
		if !stopped {
			if tq, te, ok := s.terminator(q, h.Name, h.StripTabs); ok {
				h.Body, h.Terminator, h.Terminated = Range{q, tq}, Range{tq, te}, true
				end = te
				look = s.examined(te)
				q = s.next(te)
			} else {
				// Unterminated: the body stops before the next line that reads
				// as an instruction, so the rest of the file survives.
				stop := s.keywordLine(q)
				h.Body = Range{q, stop}
				if stop > q {
					end = s.contentEndBefore(stop)
				}
				look = len(s.text) + 1
				stopped = true
			}
		}
		if !h.Terminated {
			h.Terminator = Range{h.Body.End, h.Body.End}
		}
		h.Body = h.Body.shift(-start)
		h.Terminator = h.Terminator.shift(-start)
		in.heredocs = append(in.heredocs, h)
	}
	cmd.heredocs = in.heredocs
	return end, look
}

// contentEndBefore is the end of the content of the line before the line
// starting at p (or of the last line, when p is the end of the text).
func (s *scanner) contentEndBefore(p int) int {
	if p > 0 && s.text[p-1] == '\n' {
		p--
	}
	for p > 0 && s.text[p-1] == '\r' {
		p--
	}
	return p
}

// terminator finds the line from q on that ends a heredoc called name.
func (s *scanner) terminator(q int, name string, stripTabs bool) (start, end int, ok bool) {
	for q < len(s.text) {
		e := s.lineEnd(q)
		line := s.text[q:e]
		if stripTabs {
			line = strings.TrimLeft(line, "\t")
		}
		if line == name {
			return q, e, true
		}
		q = s.next(e)
	}
	return 0, 0, false
}

// keywordLine is the start of the first line from q on that begins with an
// upper-case instruction keyword, or the end of the text.
func (s *scanner) keywordLine(q int) int {
	for q < len(s.text) {
		e := s.lineEnd(q)
		if keywordPrefix(s.text[q:e]) > 0 {
			return q
		}
		q = s.next(e)
	}
	return len(s.text)
}

// keywordPrefix is the length of an upper-case instruction keyword that starts
// line and is followed by a blank or the end of the line, else 0.
func keywordPrefix(line string) int {
	i := 0
	for i < len(line) && line[i] >= 'A' && line[i] <= 'Z' {
		i++
	}
	if i == 0 || !knownKeywords[line[:i]] {
		return 0
	}
	if i < len(line) && line[i] != ' ' && line[i] != '\t' {
		return 0
	}
	return i
}

// logical is an instruction's logical line: its pieces joined without the
// continuation characters, with a map back to offsets relative to the node.
type logical struct {
	src  string // text from the node start on
	esc  byte
	segs []segment
	buf  string
}

type segment struct{ log, rel, n int }

func (lg *logical) add(rel, n int) {
	log := 0
	if k := len(lg.segs); k > 0 {
		log = lg.segs[k-1].log + lg.segs[k-1].n
	}
	lg.segs = append(lg.segs, segment{log, rel, n})
}

func (lg *logical) build() {
	if len(lg.segs) == 1 {
		s := lg.segs[0]
		lg.buf = lg.src[s.rel : s.rel+s.n]
		return
	}
	var b strings.Builder
	for _, s := range lg.segs {
		b.WriteString(lg.src[s.rel : s.rel+s.n])
	}
	lg.buf = b.String()
}

// rel maps logical byte i to its offset relative to the node start; the end
// of the buffer maps to the end of the last piece.
func (lg *logical) rel(i int) int {
	for _, s := range lg.segs {
		if i < s.log+s.n {
			return s.rel + i - s.log
		}
	}
	last := lg.segs[len(lg.segs)-1]
	return last.rel + last.n
}

// endRel maps the exclusive end j to the offset right after logical byte
// j-1, so a range never stretches over a continuation into the next line.
func (lg *logical) endRel(j int) int {
	if j == 0 {
		return lg.segs[0].rel
	}
	return lg.rel(j-1) + 1
}

func (lg *logical) rng(i, j int) Range {
	if i == j {
		r := lg.endRel(i)
		return Range{r, r}
	}
	return Range{lg.rel(i), lg.endRel(j)}
}

// retarget re-slices every value of in from text, the node's own text,
// where the value is a verbatim slice of it: the scan builds values on the
// side, and one copy of the bytes is enough. Other values are copied when
// the node is detached, so that it does not keep the file's text alive.
func (lg *logical) retarget(in *Instruction, text string, detach bool) {
	fix := func(v *string, r Range) {
		if r.Start >= 0 && r.Start <= r.End && r.End <= len(text) && text[r.Start:r.End] == *v {
			*v = text[r.Start:r.End]
		} else if detach {
			*v = strings.Clone(*v)
		}
	}
	for x := in; x != nil; x = x.onbuild {
		fix(&x.keyword.Value, x.keyword.Range)
		for i := range x.args {
			fix(&x.args[i].Value, x.args[i].Range)
		}
		for i := range x.flags {
			f := &x.flags[i]
			fix(&f.Name, f.NameRange)
			fix(&f.Value, f.ValueRange)
			for j := range f.Fields {
				fix(&f.Fields[j].Key, f.Fields[j].KeyRange)
				fix(&f.Fields[j].Value, f.Fields[j].ValueRange)
			}
		}
	}
	if detach {
		for i := range in.heredocs {
			in.heredocs[i].Name = strings.Clone(in.heredocs[i].Name)
		}
	}
}

// isBlank reports whether c separates words: BuildKit splits the keyword
// from its arguments at these, a "\r" inside a line included.
func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }

func (lg *logical) skipBlanks(i int) int {
	for i < len(lg.buf) && isBlank(lg.buf[i]) {
		i++
	}
	return i
}

// wordEnd returns the end of the shell word starting at i: quotes group,
// the escape character protects the next byte, blanks separate.
func (lg *logical) wordEnd(i int) int {
	var quote byte
	for ; i < len(lg.buf); i++ {
		c := lg.buf[i]
		switch {
		case quote == 0 && isBlank(c):
			return i
		case c == lg.esc && quote != '\'':
			if i+1 < len(lg.buf) {
				i++
			}
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case c == quote:
			quote = 0
		}
	}
	return i
}

var jsonCommands = map[string]bool{
	"RUN": true, "CMD": true, "ENTRYPOINT": true, "SHELL": true, "COPY": true, "ADD": true, "VOLUME": true,
}

// parse reads keyword, flags and arguments from logical index i into in.
func (lg *logical) parse(in *Instruction, i int) {
	i = lg.skipBlanks(i)
	j := i
	for j < len(lg.buf) && !isBlank(lg.buf[j]) {
		j++
	}
	in.keyword = Word{Value: lg.buf[i:j], Range: lg.rng(i, j)}
	cmd := strings.ToUpper(in.keyword.Value)
	in.command = commandNames[cmd] // a constant: keeps no text alive
	if cmd == "ONBUILD" {
		k := lg.skipBlanks(j)
		end := len(strings.TrimRight(lg.buf, " \t"))
		if k >= end {
			in.argsText = lg.rng(j, j)
			return
		}
		in.argsText = lg.rng(k, end)
		in.onbuild = &Instruction{kind: KindInstruction}
		lg.parse(in.onbuild, k)
		return
	}
	last := j
	for {
		k := lg.skipBlanks(j)
		if !strings.HasPrefix(lg.buf[k:], "--") {
			break
		}
		j = lg.wordEnd(k)
		in.flags = append(in.flags, lg.flag(k, j))
		last = j
	}
	k := lg.skipBlanks(j)
	end := len(strings.TrimRight(lg.buf, " \t"))
	if k >= end {
		in.argsText = lg.rng(last, last)
		return
	}
	in.argsText = lg.rng(k, end)
	if lg.buf[k] == '[' && jsonCommands[cmd] {
		if args, ok := lg.jsonArgs(k, end); ok {
			in.args, in.json = args, true
			return
		}
	}
	n := 0 // counted first: instructions stay in memory, spare capacity with them
	for p := k; p < end; p = lg.skipBlanks(lg.wordEnd(p)) {
		n++
	}
	in.args = make([]Word, 0, n)
	for k < end {
		e := lg.wordEnd(k)
		in.args = append(in.args, Word{Value: unquoteWord(lg.buf[k:e], lg.esc), Range: lg.rng(k, e)})
		k = lg.skipBlanks(e)
	}
}

// flag reads the flag word buf[i:j], which starts with "--".
func (lg *logical) flag(i, j int) Flag {
	raw := lg.buf[i:j]
	f := Flag{Range: lg.rng(i, j)}
	eq := strings.IndexByte(raw, '=')
	if eq < 0 {
		f.Name = raw[2:]
		f.NameRange = lg.rng(i+2, j)
		f.ValueRange = Range{f.NameRange.End, f.NameRange.End}
		return f
	}
	f.Name, f.HasValue = raw[2:eq], true
	f.NameRange = lg.rng(i+2, i+eq)
	v := i + eq + 1
	f.Value = unquoteWord(lg.buf[v:j], lg.esc)
	f.ValueRange = lg.rng(v, j)
	// Comma-separated key=value fields, as in --mount=type=cache,target=/x.
	var quote byte
	fieldStart := v
	for k := v; k <= j; k++ {
		if k < j {
			c := lg.buf[k]
			switch {
			case quote == 0 && (c == '"' || c == '\''):
				quote = c
				continue
			case quote != 0:
				if c == quote {
					quote = 0
				}
				continue
			case c != ',':
				continue
			}
		}
		field := lg.buf[fieldStart:k]
		kv := KeyValue{}
		if e := strings.IndexByte(field, '='); e >= 0 {
			kv.Key = field[:e]
			kv.Value = unquoteWord(field[e+1:], lg.esc)
			kv.KeyRange = lg.rng(fieldStart, fieldStart+e)
			kv.ValueRange = lg.rng(fieldStart+e+1, k)
		} else {
			kv.Key = field
			kv.KeyRange = lg.rng(fieldStart, k)
			kv.ValueRange = Range{kv.KeyRange.End, kv.KeyRange.End}
		}
		f.Fields = append(f.Fields, kv)
		fieldStart = k + 1
	}
	return f
}

// jsonArgs reads an exec-form array of strings in buf[i:end].
func (lg *logical) jsonArgs(i, end int) ([]Word, bool) {
	var args []Word
	k := lg.skipBlanks(i + 1)
	if k < end && lg.buf[k] == ']' {
		return nil, lg.skipBlanks(k+1) >= end
	}
	for k < end {
		if lg.buf[k] != '"' {
			return nil, false
		}
		e := k + 1
		for e < end && lg.buf[e] != '"' {
			if lg.buf[e] == '\\' {
				e++
			}
			e++
		}
		if e >= end {
			return nil, false
		}
		e++
		var v string
		if json.Unmarshal([]byte(lg.buf[k:e]), &v) != nil {
			return nil, false
		}
		args = append(args, Word{Value: v, Range: lg.rng(k, e)})
		k = lg.skipBlanks(e)
		if k >= end {
			return nil, false
		}
		switch lg.buf[k] {
		case ']':
			return args, lg.skipBlanks(k+1) >= end
		case ',':
			k = lg.skipBlanks(k + 1)
		default:
			return nil, false
		}
	}
	return nil, false
}

// unquoteWord removes quotes and escape characters the way a shell word is
// read, without expanding anything.
func unquoteWord(s string, esc byte) string {
	if !strings.ContainsAny(s, `"'`) && strings.IndexByte(s, esc) < 0 {
		return s
	}
	var b strings.Builder
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case c == quote:
			quote = 0
		case c == esc && quote != '\'' && i+1 < len(s):
			n := s[i+1]
			if quote == '"' && n != '"' && n != esc && n != '$' {
				b.WriteByte(c)
			}
			b.WriteByte(n)
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
