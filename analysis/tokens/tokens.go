// Package tokens classifies the text of a Dockerfile for semantic
// highlighting, with a legend of standard LSP token types: keywords
// (instructions, AS, CMD/NONE of HEALTHCHECK), parameters (flag names),
// properties (--mount keys, LABEL keys), namespaces (stage names), types
// (image references), variables (ARG/ENV names, $VAR references), strings,
// numbers, operators (=, heredoc markers, line continuations), comments and
// macros (directive names). Shell scripts are left to the editor's grammar
// except for their variable references. Tokens are byte ranges that never
// span a line break; the server encodes them.
package tokens

import (
	"sort"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Type is an index into Types.
type Type int

const (
	Keyword Type = iota
	Variable
	String
	Parameter
	Property
	Comment
	Operator
	Namespace
	TypeName
	Number
	Macro
)

// Types is the legend of token types, in Type order (LSP standard names).
var Types = []string{"keyword", "variable", "string", "parameter", "property", "comment", "operator", "namespace", "type", "number", "macro"}

// Modifier is a bit set; bit i is Modifiers[i].
type Modifier uint32

const (
	Declaration Modifier = 1 << iota
	Deprecated
	DefaultLibrary
)

// Modifiers is the legend of token modifiers, in bit order.
var Modifiers = []string{"declaration", "deprecated", "defaultLibrary"}

// Token is one classified byte range on one line.
type Token struct {
	Start, End int
	Type       Type
	Mods       Modifier
}

// Full returns the tokens of the whole file, sorted and non-overlapping.
func Full(m *model.Model) []Token {
	return InRange(m, syntax.Range{Start: 0, End: len(m.File.Text)})
}

// InRange returns the tokens of the nodes and directives that overlap r.
func InRange(m *model.Model, r syntax.Range) []Token {
	b := &builder{f: m.File, text: m.File.Text, refs: map[int]*model.Ref{}, decls: map[int]bool{}}
	for _, ref := range m.Refs {
		b.refs[ref.Range.Start] = ref
	}
	for _, s := range m.Stages {
		if s.Name != "" {
			b.decls[s.NameRange.Start] = true
		}
	}
	overlaps := func(x syntax.Range) bool { return x.End >= r.Start && x.Start <= r.End }
	for _, d := range m.File.Directives {
		if overlaps(d.Range) {
			b.directive(d)
		}
	}
	for i := 0; i < m.File.Len(); i++ {
		n := m.File.Node(i)
		if !overlaps(n.Range()) {
			continue
		}
		if n.Kind() == syntax.KindComment {
			b.add(n.Offset, n.Range().End, Comment, 0)
			continue
		}
		b.instruction(n)
	}
	return b.finish(r)
}

type builder struct {
	f     *syntax.File
	text  string
	refs  map[int]*model.Ref // stage references by value start
	decls map[int]bool       // stage names after AS, by start
	toks  []Token
}

// add records [start, end) as one token per line, trimming blanks and a
// line continuation at the ends of each piece.
func (b *builder) add(start, end int, t Type, mods Modifier) {
	for start < end {
		e := start
		for e < end && b.text[e] != '\n' && b.text[e] != '\r' {
			e++
		}
		ps, pe := start, e
		if e < end { // the piece continues on the next line
			for pe > ps && isBlank(b.text[pe-1]) {
				pe--
			}
			if pe > ps && b.text[pe-1] == b.f.Escape {
				pe--
			}
		}
		if pe > ps {
			b.toks = append(b.toks, Token{Start: ps, End: pe, Type: t, Mods: mods})
		}
		for e < end && (b.text[e] == '\n' || b.text[e] == '\r') {
			e++
		}
		start = e
		// Leading blanks of a continuation line are not part of the token.
		for start < end && isBlank(b.text[start]) {
			start++
		}
	}
}

func (b *builder) finish(r syntax.Range) []Token {
	sort.SliceStable(b.toks, func(i, j int) bool { return b.toks[i].Start < b.toks[j].Start })
	out := b.toks[:0]
	last := -1
	for _, t := range b.toks {
		if t.Start < last || t.End < r.Start || t.Start > r.End {
			continue
		}
		out = append(out, t)
		last = t.End
	}
	return out
}

func (b *builder) directive(d syntax.Directive) {
	b.add(d.Range.Start, d.NameRange.Start, Comment, 0)
	b.add(d.NameRange.Start, d.NameRange.End, Macro, 0)
	if eq := strings.IndexByte(b.text[d.NameRange.End:d.ValueRange.Start], '='); eq >= 0 {
		b.add(d.NameRange.End+eq, d.NameRange.End+eq+1, Operator, 0)
	}
	b.add(d.ValueRange.Start, d.ValueRange.End, String, 0)
}

func (b *builder) instruction(n syntax.Node) {
	kw := n.Keyword()
	var mods Modifier
	if n.Command() == "MAINTAINER" {
		mods = Deprecated
	}
	b.add(kw.Range.Start, kw.Range.End, Keyword, mods)
	b.continuations(n)
	for _, h := range n.Heredocs() {
		b.add(h.Marker.Start, h.Marker.End, Operator, 0)
		if h.Terminated {
			b.add(h.Terminator.Start, h.Terminator.End, Operator, 0)
		}
	}
	sub := n
	if inner, ok := n.OnBuild(); ok {
		sub = inner
		ikw := inner.Keyword()
		b.add(ikw.Range.Start, ikw.Range.End, Keyword, 0)
	}
	b.flags(sub)
	b.args(sub)
}

// continuations marks the escape character ending a continued line and the
// comment lines inside the instruction.
func (b *builder) continuations(n syntax.Node) {
	end := n.Range().End
	if hs := n.Heredocs(); len(hs) > 0 {
		end = hs[0].Marker.End
	}
	for p := n.Offset; p < end; {
		e := p
		for e < len(b.text) && b.text[e] != '\n' && b.text[e] != '\r' {
			e++
		}
		lead := p
		for lead < e && isBlank(b.text[lead]) {
			lead++
		}
		if p != n.Offset && lead < e && b.text[lead] == '#' {
			b.add(lead, e, Comment, 0)
		} else {
			t := e
			for t > lead && isBlank(b.text[t-1]) {
				t--
			}
			if t > lead && b.text[t-1] == b.f.Escape && t < end {
				b.add(t-1, t, Operator, 0)
			}
		}
		p = nextLine(b.text, e)
	}
}

func (b *builder) flags(n syntax.Node) {
	for _, fl := range n.Flags() {
		b.add(fl.Range.Start, fl.NameRange.End, Parameter, 0)
		if !fl.HasValue {
			continue
		}
		b.add(fl.ValueRange.Start-1, fl.ValueRange.Start, Operator, 0)
		switch {
		case fl.Name == "from":
			b.stageOrImage(fl.ValueRange)
		case fl.Name == "mount":
			for _, kv := range fl.Fields {
				b.add(kv.KeyRange.Start, kv.KeyRange.End, Property, 0)
				if kv.ValueRange.Start > kv.KeyRange.End {
					b.add(kv.ValueRange.Start-1, kv.ValueRange.Start, Operator, 0)
					if strings.EqualFold(kv.Key, "from") {
						b.stageOrImage(kv.ValueRange)
					} else {
						b.words(kv.ValueRange, String, true)
					}
				}
			}
		case isNumber(fl.Value):
			b.add(fl.ValueRange.Start, fl.ValueRange.End, Number, 0)
		default:
			b.words(fl.ValueRange, String, true)
		}
	}
}

// stageOrImage classifies a stage reference: a namespace when it names a
// stage, a type (image) otherwise.
func (b *builder) stageOrImage(r syntax.Range) {
	if ref := b.refs[r.Start]; ref != nil && (ref.Target != nil || len(ref.Candidates) > 0) {
		b.words(r, Namespace, true)
		return
	}
	b.words(r, TypeName, true)
}

func (b *builder) args(n syntax.Node) {
	args := n.Args()
	if n.IsJSON() {
		for _, w := range args {
			b.add(w.Range.Start, w.Range.End, String, 0)
		}
		return
	}
	switch n.Command() {
	case "FROM":
		for i, w := range args {
			switch {
			case i == 0:
				b.stageOrImage(w.Range)
			case i == 1 && strings.EqualFold(w.Value, "as"):
				b.add(w.Range.Start, w.Range.End, Keyword, 0)
			case i == 2 && b.decls[w.Range.Start]:
				b.add(w.Range.Start, w.Range.End, Namespace, Declaration)
			default:
				b.words(w.Range, 0, false)
			}
		}
	case "ARG", "ENV", "LABEL":
		keyType, keyMods := Variable, Declaration
		if n.Command() == "LABEL" {
			keyType, keyMods = Property, 0
		}
		if n.Command() == "ENV" && len(args) >= 2 && !strings.Contains(args[0].Value, "=") {
			// legacy ENV key value...
			b.add(args[0].Range.Start, args[0].Range.End, keyType, keyMods)
			b.words(syntax.Range{Start: args[1].Range.Start, End: args[len(args)-1].Range.End}, String, true)
			return
		}
		for _, w := range args {
			raw := b.text[w.Range.Start:w.Range.End]
			eq := strings.IndexByte(raw, '=')
			if eq < 0 {
				b.add(w.Range.Start, w.Range.End, keyType, keyMods)
				continue
			}
			b.add(w.Range.Start, w.Range.Start+eq, keyType, keyMods)
			b.add(w.Range.Start+eq, w.Range.Start+eq+1, Operator, 0)
			b.words(syntax.Range{Start: w.Range.Start + eq + 1, End: w.Range.End}, String, true)
		}
	case "EXPOSE":
		for _, w := range args {
			raw := b.text[w.Range.Start:w.Range.End]
			digits := 0
			for digits < len(raw) && (raw[digits] >= '0' && raw[digits] <= '9' || raw[digits] == '-') {
				digits++
			}
			if digits > 0 && !strings.Contains(raw, "$") {
				b.add(w.Range.Start, w.Range.Start+digits, Number, 0)
				continue
			}
			b.words(w.Range, 0, false)
		}
	case "HEALTHCHECK":
		for i, w := range args {
			if i == 0 && (strings.EqualFold(w.Value, "cmd") || strings.EqualFold(w.Value, "none")) {
				b.add(w.Range.Start, w.Range.End, Keyword, 0)
				continue
			}
			b.words(w.Range, 0, false)
		}
	default:
		// Shell scripts and paths: only their variable references.
		if r := n.ArgsRange(); r.Len() > 0 {
			b.words(r, 0, false)
		}
	}
}

// words classifies r: variable references as variables, and the text
// between them as base when withBase is set. Single-quoted text has no
// references.
func (b *builder) words(r syntax.Range, base Type, withBase bool) {
	text := b.text
	esc := b.f.Escape
	from := r.Start
	var quote byte
	for i := r.Start; i < r.End; i++ {
		c := text[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
			continue
		case c == esc:
			i++
			continue
		case c == '\'' && quote == 0:
			quote = '\''
			continue
		case c == '"':
			if quote == '"' {
				quote = 0
			} else {
				quote = '"'
			}
			continue
		case c != '$' || i+1 >= r.End:
			continue
		}
		end := refEnd(text, i, r.End)
		if end <= i+1 {
			continue
		}
		if withBase {
			b.add(from, i, base, 0)
		}
		var mods Modifier
		if model.BuildDefined(refName(text[i:end])) {
			mods = DefaultLibrary
		}
		b.add(i, end, Variable, mods)
		from = end
		i = end - 1
	}
	if withBase {
		b.add(from, r.End, base, 0)
	}
}

// refEnd is the end of the variable reference starting with '$' at i, or i
// when there is none ($1, $@, a lone $).
func refEnd(text string, i, limit int) int {
	j := i + 1
	if text[j] == '{' {
		depth := 0
		for k := j; k < limit; k++ {
			switch text[k] {
			case '{':
				depth++
			case '}':
				depth--
				if depth == 0 {
					return k + 1
				}
			}
		}
		return limit
	}
	if !isNameStart(text[j]) {
		return i
	}
	for j < limit && isNameByte(text[j]) {
		j++
	}
	return j
}

func refName(ref string) string {
	ref = strings.TrimPrefix(ref, "$")
	ref = strings.TrimPrefix(ref, "{")
	i := 0
	for i < len(ref) && isNameByte(ref[i]) {
		i++
	}
	return ref[:i]
}

func isBlank(c byte) bool     { return c == ' ' || c == '\t' }
func isNameStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isNameByte(c byte) bool  { return isNameStart(c) || c >= '0' && c <= '9' }

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func nextLine(text string, e int) int {
	switch {
	case e >= len(text):
		return len(text) + 1
	case text[e] == '\r' && e+1 < len(text) && text[e+1] == '\n':
		return e + 2
	default:
		return e + 1
	}
}
