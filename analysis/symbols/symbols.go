// Package symbols lists a Dockerfile's symbols for the outline: stages with
// their instructions (and the variables and labels those declare), either as
// a tree or flat with container names. Byte offsets only; no LSP types.
package symbols

import (
	"strconv"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Kind classifies a symbol; the server maps it to an LSP SymbolKind
// (the server uses Stage→Module, Instruction→Function, Variable→Variable,
// Label→Property).
type Kind int

const (
	Stage       Kind = iota + 1 // a FROM and its instructions
	Instruction                 // one instruction
	Variable                    // a name declared by ARG or ENV
	Label                       // a key set by LABEL
)

// Symbol is one node of the outline. Range covers the whole construct and
// contains Select (the name to highlight) and every child's Range.
type Symbol struct {
	Name       string
	Detail     string
	Kind       Kind
	Range      syntax.Range
	Select     syntax.Range
	Deprecated bool
	Children   []Symbol
}

// Flat is a symbol of the flat form: Container names the enclosing symbol.
type Flat struct {
	Name       string
	Detail     string
	Kind       Kind
	Range      syntax.Range
	Select     syntax.Range
	Deprecated bool
	Container  string
}

// Document returns the outline: global ARG instructions first, then one
// Stage per FROM with its instructions as children; ARG, ENV and LABEL
// instructions have the names they set as children.
func Document(m *model.Model) []Symbol {
	var out []Symbol
	for _, n := range m.File.Instructions() {
		if m.StageAt(n.Offset) != nil {
			break
		}
		out = append(out, instruction(m, n))
	}
	for _, s := range m.Stages {
		st := Symbol{
			Name:   StageName(s),
			Detail: strings.TrimSpace("FROM " + s.Base),
			Kind:   Stage,
			Range:  s.Range,
			Select: s.NameRange,
		}
		if s.Platform != "" {
			st.Detail += " (" + s.Platform + ")"
		}
		if s.Name == "" {
			st.Select = s.From.Keyword().Range
			if s.BaseRange.Len() > 0 {
				st.Select = s.BaseRange
			}
		}
		for _, n := range s.Body {
			st.Children = append(st.Children, instruction(m, n))
		}
		out = append(out, st)
	}
	return out
}

// StageName is a stage's outline name: its name, or "stage N".
func StageName(s *model.Stage) string {
	if s.Name != "" {
		return s.Name
	}
	return "stage " + strconv.Itoa(s.Index)
}

// Flatten lists the symbols of Document depth-first, each with the name of
// its parent as container.
func Flatten(tree []Symbol) []Flat {
	var out []Flat
	var walk func(syms []Symbol, container string)
	walk = func(syms []Symbol, container string) {
		for _, s := range syms {
			out = append(out, Flat{Name: s.Name, Detail: s.Detail, Kind: s.Kind, Range: s.Range, Select: s.Select, Deprecated: s.Deprecated, Container: container})
			walk(s.Children, s.Name)
		}
	}
	walk(tree, "")
	return out
}

func instruction(m *model.Model, n syntax.Node) Symbol {
	cmd := n.Command()
	sym := Symbol{
		Name:       cmd,
		Detail:     summary(m.File, n),
		Kind:       Instruction,
		Range:      n.Range(),
		Select:     n.Keyword().Range,
		Deprecated: cmd == "MAINTAINER",
	}
	switch cmd {
	case "ARG", "ENV":
		for _, v := range declared(m, n) {
			d := ""
			if v.HasValue {
				d = "= " + v.Value
			}
			sym.Children = append(sym.Children, Symbol{Name: v.Name, Detail: d, Kind: Variable, Range: v.NameRange, Select: v.NameRange})
		}
	case "LABEL":
		for _, w := range n.Args() {
			key, value, ok := strings.Cut(w.Value, "=")
			if !ok || key == "" {
				continue
			}
			sym.Children = append(sym.Children, Symbol{Name: key, Detail: "= " + value, Kind: Label, Range: w.Range, Select: w.Range})
		}
	}
	return sym
}

// declared are the variables the model recorded for ARG/ENV node n.
func declared(m *model.Model, n syntax.Node) []*model.Var {
	var vars []*model.Var
	if s := m.StageAt(n.Offset); s != nil {
		vars = s.Vars
	} else {
		vars = m.GlobalArgs
	}
	var out []*model.Var
	for _, v := range vars {
		if v.Node.Offset == n.Offset {
			out = append(out, v)
		}
	}
	return out
}

// summary is the instruction's arguments on one line, shortened.
func summary(f *syntax.File, n syntax.Node) string {
	r := syntax.Range{Start: n.Keyword().Range.End, End: n.Range().End}
	if hs := n.Heredocs(); len(hs) > 0 {
		r.End = hs[0].Marker.End
	}
	var words []string
	for _, line := range strings.FieldsFunc(f.Text[r.Start:r.End], func(c rune) bool { return c == '\n' || c == '\r' }) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "#") && len(words) > 0 {
			continue // a comment inside a continuation
		}
		line = strings.TrimSuffix(line, string(f.Escape))
		words = append(words, strings.Fields(line)...)
	}
	s := strings.Join(words, " ")
	const maxLen = 60
	if len(s) > maxLen {
		cut := maxLen
		for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}
