package shell

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tWord
	tOp      // control operator
	tRedir   // redirection operator, its target is the next word
	tNewline // a newline outside quotes
)

type token struct {
	kind       tokKind
	op         string
	start, end int // indices into the source text
	value      string
	vpos       []int // source index of each byte of value
	assign     bool  // an unquoted NAME= prefix
}

// lexer splits shell text into tokens. It never fails: an unterminated quote
// or substitution runs to the end of the text.
type lexer struct {
	s     string
	i     int
	posix bool // backslash escapes (false for Windows Dockerfiles)
	// bodies: skip the bodies of the shell's own heredocs at newlines (in
	// heredoc and -c scripts; a RUN line has no newlines of its own).
	bodies  bool
	pending []pendingHeredoc
	wantDoc int // 1 or 2 (<<-) when the next word is a heredoc delimiter
}

type pendingHeredoc struct {
	delim     string
	stripTabs bool
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

func isMeta(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '&', '|', ';', '(', ')', '<', '>':
		return true
	}
	return false
}

func (l *lexer) next() token {
	for {
		for l.i < len(l.s) && isBlank(l.s[l.i]) {
			l.i++
		}
		if l.i >= len(l.s) {
			return token{kind: tEOF, start: len(l.s), end: len(l.s)}
		}
		c := l.s[l.i]
		switch {
		case c == '\n':
			t := token{kind: tNewline, op: "\n", start: l.i, end: l.i + 1}
			l.i++
			l.skipBodies()
			return t
		case c == '#':
			for l.i < len(l.s) && l.s[l.i] != '\n' {
				l.i++
			}
			continue
		case c == '\\' && l.posix && l.continuation(l.i) > 0:
			l.i += l.continuation(l.i)
			continue
		}
		start := l.i
		// An IO number: digits right before a redirection.
		j := l.i
		for j < len(l.s) && l.s[j] >= '0' && l.s[j] <= '9' {
			j++
		}
		if j < len(l.s) && (l.s[j] == '<' || l.s[j] == '>') {
			return l.redirect(start, j)
		}
		switch c {
		case '<', '>':
			return l.redirect(start, l.i)
		case '&':
			switch {
			case strings.HasPrefix(l.s[l.i:], "&&"):
				return l.op(start, 2, tOp)
			case strings.HasPrefix(l.s[l.i:], "&>>"):
				return l.op(start, 3, tRedir)
			case strings.HasPrefix(l.s[l.i:], "&>"):
				return l.op(start, 2, tRedir)
			}
			return l.op(start, 1, tOp)
		case '|':
			if strings.HasPrefix(l.s[l.i:], "||") || strings.HasPrefix(l.s[l.i:], "|&") {
				return l.op(start, 2, tOp)
			}
			return l.op(start, 1, tOp)
		case ';':
			if strings.HasPrefix(l.s[l.i:], ";;") || strings.HasPrefix(l.s[l.i:], ";&") {
				return l.op(start, 2, tOp)
			}
			return l.op(start, 1, tOp)
		case '(', ')':
			return l.op(start, 1, tOp)
		}
		return l.word(false)
	}
}

func (l *lexer) op(start, n int, kind tokKind) token {
	l.i = start + n
	return token{kind: kind, op: l.s[start:l.i], start: start, end: l.i}
}

// redirect reads a redirection operator whose '<' or '>' is at j (after an
// optional IO number starting at start).
func (l *lexer) redirect(start, j int) token {
	rest := l.s[j:]
	n := 1
	for _, op := range []string{"<<-", "<<<", "<<", "<&", "<>", ">>", ">&", ">|"} {
		if strings.HasPrefix(rest, op) {
			n = len(op)
			break
		}
	}
	t := l.op(start, j-start+n, tRedir)
	t.op = l.s[j:l.i]
	switch t.op {
	case "<<":
		l.wantDoc = 1
	case "<<-":
		l.wantDoc = 2
	}
	return t
}

// word reads one word, removing quotes and escapes from its value; with
// collect it also records where each byte of the value comes from.
func (l *lexer) word(collect bool) token {
	t := token{kind: tWord, start: l.i}
	// Fast path: a plain word is its own value.
	j := l.i
	eq := -1
	for j < len(l.s) && !isMeta(l.s[j]) && !isSpecial(l.s[j]) {
		if l.s[j] == '=' && eq < 0 {
			eq = j
		}
		j++
	}
	if !collect && (j == len(l.s) || isMeta(l.s[j])) {
		l.i = j
		t.end, t.value = j, l.s[t.start:j]
		t.assign = eq > t.start && isName(l.s[t.start:eq])
		l.delimiter(t.value)
		return t
	}
	var val []byte
	var vpos []int
	add := func(c byte, at int) {
		val = append(val, c)
		if collect {
			vpos = append(vpos, at)
		}
	}
	verbatim := func(from, to int) {
		for k := from; k < to; k++ {
			add(l.s[k], k)
		}
	}
	nameEnd := -1 // for assignments: index of '=' if the prefix is a name
	for l.i < len(l.s) {
		c := l.s[l.i]
		if isMeta(c) {
			break
		}
		switch {
		case c == '=' && nameEnd < 0 && l.i > t.start && isName(l.s[t.start:l.i]):
			nameEnd = l.i
			add(c, l.i)
			l.i++
		case c == '\\' && l.posix:
			if n := l.continuation(l.i); n > 0 {
				l.i += n
			} else if l.i+1 < len(l.s) {
				add(l.s[l.i+1], l.i+1)
				l.i += 2
			} else {
				add(c, l.i)
				l.i++
			}
		case c == '\'':
			l.i++
			for l.i < len(l.s) && l.s[l.i] != '\'' {
				add(l.s[l.i], l.i)
				l.i++
			}
			l.i++
		case c == '"':
			l.i++
			for l.i < len(l.s) && l.s[l.i] != '"' {
				d := l.s[l.i]
				switch {
				case d == '\\' && l.posix && l.continuation(l.i) > 0:
					l.i += l.continuation(l.i)
				case d == '\\' && l.posix && l.i+1 < len(l.s) && strings.IndexByte("$`\"\\", l.s[l.i+1]) >= 0:
					add(l.s[l.i+1], l.i+1)
					l.i += 2
				case d == '$' && l.i+1 < len(l.s) && (l.s[l.i+1] == '(' || l.s[l.i+1] == '{'):
					e := l.substitution(l.i)
					verbatim(l.i, e)
					l.i = e
				case d == '`':
					e := l.backquote(l.i)
					verbatim(l.i, e)
					l.i = e
				default:
					add(d, l.i)
					l.i++
				}
			}
			l.i++
		case c == '$' && l.i+1 < len(l.s) && l.s[l.i+1] == '\'':
			l.i += 2
			for l.i < len(l.s) && l.s[l.i] != '\'' {
				if l.s[l.i] == '\\' && l.i+1 < len(l.s) {
					add(l.s[l.i+1], l.i+1)
					l.i += 2
					continue
				}
				add(l.s[l.i], l.i)
				l.i++
			}
			l.i++
		case c == '$' && l.i+1 < len(l.s) && (l.s[l.i+1] == '(' || l.s[l.i+1] == '{'):
			e := l.substitution(l.i)
			verbatim(l.i, e)
			l.i = e
		case c == '`':
			e := l.backquote(l.i)
			verbatim(l.i, e)
			l.i = e
		default:
			add(c, l.i)
			l.i++
		}
	}
	if l.i > len(l.s) {
		l.i = len(l.s)
	}
	t.end = l.i
	t.value = string(val)
	t.vpos = vpos
	t.assign = nameEnd >= 0
	l.delimiter(t.value)
	return t
}

// continuation returns the length of the backslash-newline at i (3 for a
// CRLF line end, as in scripts saved on Windows), or 0.
func (l *lexer) continuation(i int) int {
	switch {
	case strings.HasPrefix(l.s[i:], "\\\n"):
		return 2
	case strings.HasPrefix(l.s[i:], "\\\r\n"):
		return 3
	}
	return 0
}

// delimiter records a word that follows << as a heredoc delimiter.
func (l *lexer) delimiter(v string) {
	if l.wantDoc > 0 {
		l.pending = append(l.pending, pendingHeredoc{delim: v, stripTabs: l.wantDoc == 2})
		l.wantDoc = 0
	}
}

// isSpecial: bytes that make a word need unquoting.
func isSpecial(c byte) bool {
	switch c {
	case '\\', '\'', '"', '$', '`':
		return true
	}
	return false
}

func isName(s string) bool {
	s = strings.TrimSuffix(s, "+")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9' {
			continue
		}
		return false
	}
	return true
}

// substitution returns the end of the $( ... ), $(( ... )) or ${ ... }
// starting at i, skipping quotes and nested parentheses.
func (l *lexer) substitution(i int) int {
	open, close := l.s[i+1], byte(')')
	if open == '{' {
		close = '}'
	}
	depth := 0
	for k := i + 1; k < len(l.s); k++ {
		switch c := l.s[k]; c {
		case '\\':
			k++
		case '\'':
			if open == '(' {
				if e := strings.IndexByte(l.s[k+1:], '\''); e >= 0 {
					k += e + 1
				} else {
					return len(l.s)
				}
			}
		case '"':
			for k++; k < len(l.s) && l.s[k] != '"'; k++ {
				if l.s[k] == '\\' {
					k++
				}
			}
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return k + 1
			}
		}
	}
	return len(l.s)
}

// backquote returns the end of the `...` starting at i.
func (l *lexer) backquote(i int) int {
	for k := i + 1; k < len(l.s); k++ {
		switch l.s[k] {
		case '\\':
			k++
		case '`':
			return k + 1
		}
	}
	return len(l.s)
}

// skipBodies skips the bodies of heredocs opened on the line just ended.
func (l *lexer) skipBodies() {
	if !l.bodies {
		l.pending = l.pending[:0]
		return
	}
	for _, h := range l.pending {
		for l.i < len(l.s) {
			e := strings.IndexByte(l.s[l.i:], '\n')
			line := ""
			if e < 0 {
				line, l.i = l.s[l.i:], len(l.s)
			} else {
				line, l.i = l.s[l.i:l.i+e], l.i+e+1
			}
			line = strings.TrimSuffix(line, "\r")
			if h.stripTabs {
				line = strings.TrimLeft(line, "\t")
			}
			if line == h.delim {
				break
			}
		}
	}
	l.pending = l.pending[:0]
}

// maxDepth bounds `sh -c "sh -c '...'"` nesting.
const maxDepth = 4

// parser turns tokens into commands.
type parser struct {
	run      *Run
	heredocs []syntax.Heredoc // the RUN's Dockerfile heredocs
	claimed  []bool
	text     string // the node's text, to read heredoc bodies
	posix    bool
}

var reserved = map[string]bool{
	"if": true, "then": true, "else": true, "elif": true, "fi": true, "do": true, "done": true,
	"while": true, "until": true, "for": true, "select": true, "case": true, "esac": true,
	"{": true, "}": true, "!": true, "function": true, "[[": false,
}

// pending is the command being read.
type pending struct {
	c         Command
	starts    []int // per word: source index where it starts
	started   bool
	start     int // source index of the first token
	end       int
	heredocIn []syntax.Heredoc
}

func (p *parser) script(kind ScriptKind, src source, rng syntax.Range, h syntax.Heredoc, depth int) {
	idx := len(p.run.Scripts)
	p.run.Scripts = append(p.run.Scripts, Script{Kind: kind, Rel: rng, EndRel: rng.Start, HeredocRel: h})
	lx := lexer{s: src.text, posix: p.posix, bodies: kind != Line}
	var cur pending
	var lastTok token
	redir := ""
	skipToDo, caseHeader, pattern, caseDepth := false, false, false, 0

	touch := func(t token) {
		if !cur.started {
			cur.started, cur.start = true, t.start
		}
		cur.end = t.end
	}
	finish := func(op string) {
		c := cur.c
		if len(c.Words) > 0 || len(c.Assignments) > 0 {
			c.Op = op
			c.Script = idx
			c.Rel = src.rng(cur.start, cur.end)
			p.run.Commands = append(p.run.Commands, c)
			if depth < maxDepth {
				// `sudo sh -c '...'` runs the string too.
				u := c.Unwrapped()
				if i := inlineScript(u); i >= 0 {
					i += len(c.Words) - len(u.Words)
					wl := lexer{s: src.text, i: cur.starts[i], posix: p.posix}
					inner := subSource(src, wl.word(true).vpos, c.Words[i])
					p.script(Inline, inner, inner.rng(0, len(inner.text)), syntax.Heredoc{}, depth+1)
				}
			}
		}
		if len(cur.heredocIn) > 0 && (len(c.Words) == 0 || readsStdin(c)) && depth < maxDepth {
			for _, hd := range cur.heredocIn {
				p.heredocScript(hd, depth+1)
			}
		}
		cur = pending{}
		redir = ""
	}

	for {
		t := lx.next()
		if t.kind == tEOF {
			break
		}
		if t.kind != tNewline {
			lastTok = t
		}
		if skipToDo {
			if t.kind == tWord && t.value == "do" {
				skipToDo = false
			}
			continue
		}
		if caseHeader {
			if t.kind == tWord && t.value == "in" {
				caseHeader, pattern = false, true
			}
			continue
		}
		if pattern {
			switch {
			case t.kind == tOp && t.op == ")":
				pattern = false
			case t.kind == tWord && t.value == "esac":
				pattern = false
				caseDepth--
			}
			continue
		}
		switch t.kind {
		case tRedir:
			touch(t)
			redir = t.op
		case tWord:
			if redir != "" {
				touch(t)
				if (redir == "<<" || redir == "<<-") && kind == Line {
					if hd, ok := p.claim(src.at(t.start)); ok {
						cur.heredocIn = append(cur.heredocIn, hd)
						cur.c.HeredocsRel = append(cur.c.HeredocsRel, hd)
					}
				}
				redir = ""
				continue
			}
			w := Word{Value: t.value, Rel: src.rng(t.start, t.end)}
			if len(cur.c.Words) == 0 {
				if t.assign {
					touch(t)
					cur.c.Assignments = append(cur.c.Assignments, w)
					continue
				}
				if len(cur.c.Assignments) == 0 && !cur.started && reserved[t.value] {
					switch t.value {
					case "for", "select":
						skipToDo = true
					case "case":
						caseHeader = true
						caseDepth++
					case "esac":
						caseDepth--
					}
					continue
				}
			}
			touch(t)
			cur.c.Words = append(cur.c.Words, w)
			cur.starts = append(cur.starts, t.start)
		case tOp, tNewline:
			finish(t.op)
			if (t.op == ";;" || t.op == ";&") && caseDepth > 0 {
				pattern = true
			}
		}
	}
	finish("")
	s := &p.run.Scripts[idx]
	if lastTok.kind != tEOF {
		s.EndRel = src.endOf(lastTok.end - 1)
		if lastTok.kind == tOp {
			s.LastOp = lastTok.op
		}
	}
}

// claim returns the unclaimed Dockerfile heredoc whose marker holds the file
// offset off (the position of a `<<` word's delimiter).
func (p *parser) claim(off int) (syntax.Heredoc, bool) {
	if p.claimed == nil {
		p.claimed = make([]bool, len(p.heredocs))
	}
	for i, h := range p.heredocs {
		if !p.claimed[i] && h.Marker.Start <= off && off < h.Marker.End {
			p.claimed[i] = true
			return h, true
		}
	}
	return syntax.Heredoc{}, false
}

func (p *parser) heredocScript(h syntax.Heredoc, depth int) {
	s, e := h.Body.Start, h.Body.End
	if s < 0 || e > len(p.text) || s > e {
		return
	}
	body := p.text[s:e]
	if !shebangIsShell(body) {
		return
	}
	p.script(Heredoc, verbatim(body, h.Body.Start), h.Body, h, depth)
}

// subSource is the value of a word as shell text, mapped back to the file.
func subSource(src source, vpos []int, w Word) source {
	pos := make([]int, 0, len(vpos)+1)
	ends := make([]int, 0, len(vpos)+1)
	for _, i := range vpos {
		pos = append(pos, src.at(i))
		ends = append(ends, src.endOf(i))
	}
	end := w.Rel.Start
	if len(vpos) > 0 {
		end = src.endOf(vpos[len(vpos)-1])
	}
	pos = append(pos, end)
	ends = append(ends, end)
	return source{text: w.Value, pos: pos, ends: ends}
}
