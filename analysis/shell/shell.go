// Package shell reads the commands inside RUN instructions, and of plain
// shell text such as scripts and Makefile recipes, well enough for rules and
// refactorings: it splits &&, ||, ;, | and newline chains, follows
// continuations, heredoc bodies, `sh -c "..."` strings and exec form, and
// gives every simple command's words with byte ranges. It is not a shell
// interpreter: nothing is expanded or executed.
//
// Like syntax.Instruction, a parsed RUN is position-independent: its ranges
// are relative to the start of the instruction (the node's Offset), so that
// one parse serves the same instruction wherever an edit moves it, and
// every place the same text appears. Fields holding such ranges are named
// Rel; At(offset) places them in the file. ParseText's ranges are relative
// to its text, which is the same as offsets into it.
//
// What it understands of POSIX sh: single, double and $'...' quotes,
// backslash escapes and backslash-newline, comments, the control operators
// && || ; ;; & | |& ( ), redirections (which are not words: `>/dev/null`,
// `2>&1`, `<<EOF` with its body skipped), `$(...)`, `${...}` and backquotes
// kept inside the word they belong to, leading NAME=value assignments, and
// the reserved words of if/while/until/for/case/{ } (dropped, so the commands
// inside the compound are seen). Words are never expanded: `$PKGS` stays
// `$PKGS`.
package shell

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/cache"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Word is one shell word, unquoted, with its range relative to the start of
// its instruction (for words inside an `sh -c` string, the range inside
// that string).
type Word struct {
	Value string
	Rel   syntax.Range
}

// At is the word's range in a file where its instruction starts at offset.
func (w Word) At(offset int) syntax.Range { return shifted(w.Rel, offset) }

// Command is one simple command: its words (leading VAR=value assignments
// excluded) and the range from its first to its last word.
type Command struct {
	Assignments []Word // leading NAME=value words, e.g. CGO_ENABLED=0
	Words       []Word // Words[0] is the program
	// Rel spans the command from its first assignment or word to its last
	// word or redirection.
	Rel syntax.Range
	// Op is the control operator that ends the command: "&&", "||", ";",
	// "|", "&", "\n", ";;", "(" or ")"; empty at the end of its script.
	Op string
	// Script is the index in Run.Scripts of the script the command is in.
	Script int
	// HeredocsRel are the Dockerfile heredocs redirected into this command
	// (`RUN python3 <<EOF`), ranges relative to the instruction; only for
	// commands on the RUN line itself.
	HeredocsRel []syntax.Heredoc
}

// At is the command's range in a file where its instruction starts at offset.
func (c Command) At(offset int) syntax.Range { return shifted(c.Rel, offset) }

// Name is the program name without its directory (`/usr/bin/apt-get` → `apt-get`).
func (c Command) Name() string {
	if len(c.Words) == 0 {
		return ""
	}
	name := c.Words[0].Value
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' {
			return name[i+1:]
		}
	}
	return name
}

// Args are the words after the program.
func (c Command) Args() []Word {
	if len(c.Words) < 2 {
		return nil
	}
	return c.Words[1:]
}

// ScriptKind tells where a script's text comes from.
type ScriptKind int

const (
	// Line is the shell form of RUN: the instruction's arguments, joined
	// over continuation lines.
	Line ScriptKind = iota + 1
	// Exec is the exec form (a JSON array): one command, no shell.
	Exec
	// Heredoc is a heredoc body run as a shell script (`RUN <<EOF`, or a
	// heredoc fed to `sh`/`bash`).
	Heredoc
	// Inline is the string of `sh -c "..."`.
	Inline
	// Text is plain shell text given to ParseText.
	Text
)

// Script is one piece of shell text a RUN executes.
type Script struct {
	Kind ScriptKind
	// Rel is the script's text: for Line the arguments, for Heredoc the
	// body, for Inline the string inside its quotes.
	Rel syntax.Range
	// EndRel is right after the script's last token (a comment at the end
	// does not count): where text appended to the script goes.
	EndRel int
	// LastOp is the control operator the script ends with (`;`, `&`, a
	// newline...), empty when it ends with a word.
	LastOp string
	// HeredocRel is the body's heredoc, for Kind Heredoc, its ranges
	// relative to the instruction.
	HeredocRel syntax.Heredoc
}

// Run is what a RUN instruction executes.
type Run struct {
	Scripts  []Script
	Commands []Command // every simple command, in execution order
}

// Parse reads a RUN node. It returns nil for other instructions. Its
// ranges are relative to n.Offset. The result is shared (by every rule that
// reads the RUN, and by every instruction of the same text, wherever it
// is): callers must not modify it.
func Parse(n syntax.Node) *Run {
	if n.Kind() != syntax.KindInstruction || n.Command() != "RUN" {
		return nil
	}
	// Kept in the engine's cache by the instruction's text alone: an
	// instruction that an edit above it moved is the same parse.
	text := n.Text()
	key := runKey{text: text, args: n.ArgsRange().Start - n.Offset}
	if r, ok := cache.Get[*Run](key); ok {
		return r // without making Do's closure
	}
	return cache.Do(key, 2*len(text)+256, func() *Run { return parse(n) })
}

// ParseText reads plain shell text: a script, Makefile recipes, the run
// steps of a CI workflow. Ranges are byte offsets into text. Lines that are
// not shell (a Makefile rule, a YAML key) come out as commands too; callers
// look for the programs they know.
func ParseText(text string) *Run {
	r := &Run{}
	p := parser{run: r, posix: true}
	p.script(Text, verbatim(text, 0), syntax.Range{Start: 0, End: len(text)}, syntax.Heredoc{}, 0)
	return r
}

// runKey finds a RUN's parse wherever the same text was parsed.
type runKey struct {
	text string
	// args is where the arguments start in text: an ONBUILD's RUN has the
	// text of the whole ONBUILD line.
	args int
}

func shifted(r syntax.Range, d int) syntax.Range {
	return syntax.Range{Start: r.Start + d, End: r.End + d}
}

func shiftedHeredoc(h syntax.Heredoc, d int) syntax.Heredoc {
	h.Marker, h.Body, h.Terminator = shifted(h.Marker, d), shifted(h.Body, d), shifted(h.Terminator, d)
	return h
}

func parse(n syntax.Node) *Run {
	r := &Run{}
	if n.IsJSON() {
		r.exec(n)
		return r
	}
	src, backtick := lineSource(n)
	docs := n.Heredocs()
	for i, h := range docs { // a copy of the node's: ours to shift
		docs[i] = shiftedHeredoc(h, -n.Offset)
	}
	p := parser{run: r, heredocs: docs, text: n.Text(), posix: !backtick}
	p.script(Line, src, shifted(n.ArgsRange(), -n.Offset), syntax.Heredoc{}, 0)
	return r
}

// source is shell text with the offset of each of its bytes in the
// instruction (in ParseText, the text): either
// contiguous runs (segs) or, for decoded strings, one offset per byte.
type source struct {
	text string
	segs []seg // runs of text copied verbatim from the file, in order
	end  int   // the file offset of the end of the text
	pos  []int // per byte, when the text was decoded (sh -c strings, JSON)
	// ends, with pos, is the file offset after each byte (an escape such as
	// \" in a JSON string spans several file bytes).
	ends []int
}

// seg maps text[log:log+n] to the file bytes [file, file+n).
type seg struct{ log, file, n int }

// at is the file offset of text byte i (the end offset for len(text)).
func (s *source) at(i int) int {
	if s.pos != nil {
		return s.pos[i]
	}
	if i >= len(s.text) {
		return s.end
	}
	lo, hi := 0, len(s.segs)
	for lo < hi { // last segment starting at or before i
		m := (lo + hi) / 2
		if s.segs[m].log <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	g := s.segs[lo-1]
	return g.file + i - g.log
}

func (s *source) endOf(i int) int {
	if s.ends != nil {
		return s.ends[i]
	}
	return s.at(i) + 1
}

func (s *source) rng(i, j int) syntax.Range {
	if i >= j {
		return syntax.Range{Start: s.at(i), End: s.at(i)}
	}
	return syntax.Range{Start: s.at(i), End: s.endOf(j - 1)}
}

// verbatim is a source for file text that is read as is (a heredoc body).
func verbatim(text string, off int) source {
	return source{text: text, segs: []seg{{0, off, len(text)}}, end: off + len(text)}
}

// lineSource joins the physical lines of a shell-form RUN the way BuildKit
// does: an escape character at the end of a line (trailing blanks allowed)
// continues it, and blank and comment lines inside a continuation vanish.
// It reports whether the continuation character is a backquote (a Windows
// Dockerfile, whose shell does not treat backslash as an escape).
func lineSource(n syntax.Node) (source, bool) {
	ar := n.ArgsRange()
	raw := n.Text()
	start, end := ar.Start-n.Offset, ar.End-n.Offset
	if start < 0 || end > len(raw) || start > end {
		return source{end: start}, false
	}
	if strings.IndexAny(raw[start:end], "\r\n") < 0 {
		return verbatim(raw[start:end], start), false
	}
	var b strings.Builder
	var segs []seg
	backtick := false
	first := true
	p := start
	for p <= end {
		e := p
		for e < end && raw[e] != '\n' && raw[e] != '\r' {
			e++
		}
		line := raw[p:e]
		if !first {
			t := strings.TrimLeft(line, " \t")
			if t == "" || t[0] == '#' {
				p = nextLine(raw, e, end)
				if p < 0 {
					break
				}
				continue
			}
		}
		first = false
		content := e
		if e < end { // a continued line: drop trailing blanks and the escape
			c := e
			for c > p && (raw[c-1] == ' ' || raw[c-1] == '\t') {
				c--
			}
			if c > p && (raw[c-1] == '\\' || raw[c-1] == '`') {
				backtick = raw[c-1] == '`'
				c--
			}
			content = c
		}
		if content > p {
			segs = append(segs, seg{b.Len(), p, content - p})
			b.WriteString(raw[p:content])
		}
		if e >= end {
			break
		}
		p = nextLine(raw, e, end)
		if p < 0 {
			break
		}
	}
	return source{text: b.String(), segs: segs, end: end}, backtick
}

func nextLine(raw string, e, end int) int {
	if e >= end {
		return -1
	}
	if raw[e] == '\r' && e+1 < len(raw) && raw[e+1] == '\n' {
		return e + 2
	}
	return e + 1
}

// exec reads the exec form: one command whose words are the array elements;
// a shell with -c runs its string as a script.
func (r *Run) exec(n syntax.Node) {
	ar := shifted(n.ArgsRange(), -n.Offset)
	r.Scripts = append(r.Scripts, Script{Kind: Exec, Rel: ar, EndRel: ar.End})
	elems := n.Args()
	if len(elems) == 0 {
		return
	}
	args := make([]Word, len(elems))
	for i, e := range elems {
		args[i] = Word{Value: e.Value, Rel: shifted(e.Range, -n.Offset)}
	}
	c := Command{Words: args, Rel: syntax.Range{Start: args[0].Rel.Start, End: args[len(args)-1].Rel.End}}
	r.Commands = append(r.Commands, c)
	if i := inlineScript(c); i >= 0 {
		w := args[i]
		src := jsonSource(n.Text(), w.Rel.Start, w.Rel.End, 0)
		if src.text != w.Value { // not a string we can map exactly
			return
		}
		p := parser{run: r, posix: true}
		p.script(Inline, src, src.rng(0, len(src.text)), syntax.Heredoc{}, 0)
	}
}

// jsonSource decodes the JSON string raw[i:j] (quotes included) keeping the
// file offset of each decoded byte.
func jsonSource(raw string, i, j, base int) source {
	var b strings.Builder
	var pos, ends []int
	if i < 0 || j > len(raw) || j-i < 2 || raw[i] != '"' {
		return source{end: base + i}
	}
	k := i + 1
	for k < j-1 {
		c := raw[k]
		if c != '\\' || k+1 >= j-1 {
			b.WriteByte(c)
			pos = append(pos, base+k)
			ends = append(ends, base+k+1)
			k++
			continue
		}
		esc := raw[k+1]
		switch esc {
		case 'n', 't', 'r', 'b', 'f':
			b.WriteByte(map[byte]byte{'n': '\n', 't': '\t', 'r': '\r', 'b': '\b', 'f': '\f'}[esc])
			pos = append(pos, base+k)
			ends = append(ends, base+k+2)
			k += 2
		case 'u':
			if k+6 > j-1 {
				return source{end: base + i}
			}
			var v rune
			for _, h := range raw[k+2 : k+6] {
				v <<= 4
				switch {
				case h >= '0' && h <= '9':
					v |= h - '0'
				case h >= 'a' && h <= 'f':
					v |= h - 'a' + 10
				case h >= 'A' && h <= 'F':
					v |= h - 'A' + 10
				}
			}
			s := string(v)
			for x := 0; x < len(s); x++ {
				pos = append(pos, base+k)
				ends = append(ends, base+k+6)
			}
			b.WriteString(s)
			k += 6
		default:
			b.WriteByte(esc)
			pos = append(pos, base+k)
			ends = append(ends, base+k+2)
			k += 2
		}
	}
	pos = append(pos, base+j-1)
	ends = append(ends, base+j-1)
	return source{text: b.String(), pos: pos, ends: ends}
}

// shells run their -c string or their stdin as a POSIX-like script.
var shells = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true, "mksh": true, "busybox": false}

// IsShell reports whether a program name (no directory) is a POSIX-like
// shell: sh, bash, ash, dash, zsh, ksh, mksh.
func IsShell(name string) bool { return shells[name] }

// inlineScript returns the index of the script word of `sh [options] -c
// SCRIPT`, or -1.
func inlineScript(c Command) int {
	if !shells[c.Name()] {
		return -1
	}
	cmode := false
	ws := c.Words
	for i := 1; i < len(ws); i++ {
		v := ws[i].Value
		switch {
		case v == "--" || v == "-":
			if cmode && i+1 < len(ws) {
				return i + 1
			}
			return -1
		case v == "-o" || v == "+o" || v == "-O" || v == "+O":
			i++
		case strings.HasPrefix(v, "--"):
			// long options such as --login, --norc: no argument
		case len(v) > 1 && (v[0] == '-' || v[0] == '+'):
			if strings.ContainsRune(v[1:], 'c') {
				cmode = true
			}
		default:
			if cmode {
				return i
			}
			return -1
		}
	}
	return -1
}

// readsStdin reports whether c is a shell that would read its script from
// standard input (no -c, no script file).
func readsStdin(c Command) bool {
	if !shells[c.Name()] {
		return false
	}
	for i := 1; i < len(c.Words); i++ {
		v := c.Words[i].Value
		switch {
		case v == "-o" || v == "+o":
			i++
		case v == "--" || v == "-":
			return i+1 >= len(c.Words)
		case len(v) > 1 && (v[0] == '-' || v[0] == '+'):
			if v[0] == '-' && !strings.HasPrefix(v, "--") && strings.ContainsRune(v[1:], 'c') {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// shebangIsShell reports whether a script body is for a shell: no #! line,
// or one naming a shell.
func shebangIsShell(body string) bool {
	if !strings.HasPrefix(body, "#!") {
		return true
	}
	line, _, _ := strings.Cut(body[2:], "\n")
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return true
	}
	prog := fields[0]
	if strings.HasSuffix(prog, "/env") && len(fields) > 1 {
		prog = fields[1]
		if prog == "-S" && len(fields) > 2 {
			prog = fields[2]
		}
	}
	if i := strings.LastIndexByte(prog, '/'); i >= 0 {
		prog = prog[i+1:]
	}
	return shells[prog]
}

// Unwrapped returns the command that c runs through a wrapper: `sudo -E
// apt-get install` → `apt-get install`, likewise env (whose NAME=value words
// become assignments), exec, nohup, time, nice, command, gosu and su-exec.
// Other commands are returned unchanged.
func (c Command) Unwrapped() Command {
	for n := 0; n < 4 && len(c.Words) > 1; n++ {
		ws := c.Words
		i := 1
		switch c.Name() {
		case "sudo":
			for i < len(ws) && strings.HasPrefix(ws[i].Value, "-") {
				if v := ws[i].Value; len(v) == 2 && strings.ContainsRune("ugCDhprtUT", rune(v[1])) {
					i++
				}
				i++
			}
		case "env":
			for i < len(ws) {
				v := ws[i].Value
				switch {
				case v == "-u" || v == "--unset" || v == "-C" || v == "--chdir":
					i += 2
					continue
				case strings.HasPrefix(v, "-"):
					i++
					continue
				case strings.Contains(v, "=") && isName(v[:strings.IndexByte(v, '=')]):
					// A full slice expression: never append into the parse's arrays.
					c.Assignments = append(c.Assignments[:len(c.Assignments):len(c.Assignments)], ws[i])
					i++
					continue
				}
				break
			}
		case "exec":
			for i < len(ws) && strings.HasPrefix(ws[i].Value, "-") {
				if ws[i].Value == "-a" {
					i++
				}
				i++
			}
		case "nohup":
		case "time":
			if ws[i].Value == "-p" {
				i++
			}
		case "nice":
			for i < len(ws) && strings.HasPrefix(ws[i].Value, "-") {
				if ws[i].Value == "-n" {
					i++
				}
				i++
			}
		case "command":
			if strings.HasPrefix(ws[1].Value, "-v") || strings.HasPrefix(ws[1].Value, "-V") {
				return c
			}
			for i < len(ws) && ws[i].Value == "-p" {
				i++
			}
		case "gosu", "su-exec":
			i = 2
		default:
			return c
		}
		if i >= len(ws) {
			return c
		}
		c.Words = ws[i:]
	}
	return c
}
