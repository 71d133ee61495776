// Package navigate answers "what is this and where else is it": the symbol at
// a byte offset (a stage name or reference, a variable declaration or use, a
// heredoc delimiter), its definition, its references, highlights, and rename
// edits. Everything is in byte offsets of the model's text; nothing here knows
// LSP.
//
// Scoping follows BuildKit: FROM lines see the ARGs declared before the first
// FROM (and only those declared above them); a stage sees the ARG and ENV of
// the stages it is built FROM, its own declarations above the cursor, and a
// global ARG only once it redeclares it; `$VAR`, `${VAR}` and `${VAR:-word}`
// forms are all references. Two declarations are one symbol when one
// redeclares the other in the same scope chain (ENV PATH=...:$PATH), and a
// stage ARG is one symbol with the global ARG of the same name, since one
// --build-arg sets both.
package navigate

import (
	"sort"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Kind is the kind of symbol.
type Kind int

const (
	StageSymbol    Kind = iota + 1 // a stage: `AS name`, FROM name, --from=name, from=name, --from=N
	VariableSymbol                 // an ARG or ENV variable
	HeredocSymbol                  // a heredoc delimiter: the <<NAME marker and its terminator line
)

// Occurrence is one place a symbol appears.
type Occurrence struct {
	Range syntax.Range
	// Decl is set on declarations: `AS name`, the name in ARG/ENV, the heredoc marker.
	Decl bool
	// ByIndex is set on `COPY --from=N`: it refers to the stage but is no name.
	ByIndex bool
}

// Symbol is what lies at an offset.
type Symbol struct {
	Kind  Kind
	Name  string       // the name as written at the occurrence (a stage index for --from=N)
	Range syntax.Range // the occurrence under the cursor
	Decl  bool         // the occurrence is a declaration
	Node  syntax.Node  // the instruction holding it
	// Owner is the stage the occurrence is in; nil before the first FROM and
	// on FROM lines' variables, which are read in the global scope.
	Owner *model.Stage

	// Stage symbols.
	Stage      *model.Stage   // the stage named or declared; nil when a reference resolves to none
	Ref        *model.Ref     // the reference under the cursor, nil on a declaration
	Candidates []*model.Stage // stages a templated reference may select
	ByIndex    bool

	// Variable symbols.
	Var *model.Var // the declaration the occurrence reads (or is); nil when none in this file

	// Heredoc symbols.
	Heredoc syntax.Heredoc

	group int
}

// Index is the symbol table of one model. Build it with For; it is immutable
// and safe to share.
type Index struct {
	Model  *model.Model
	occ    []occurrence // sorted by Range.Start
	maxLen int
	groups map[int][]int // group → indexes into occ
	varID  map[*model.Var]int
	parent []int // union-find over variable declarations, while building
	root   []int // the group of each declaration, once built
	decls  []*model.Var
	// undeclared maps a variable with no declaration in the file, per stage
	// (it comes from the base image, BuildKit or a RUN script), to its group.
	undeclared map[undeclaredKey]int
	nextGroup  int
}

type undeclaredKey struct {
	scope *model.Stage
	name  string
}

type occurrence struct {
	Symbol
}

// indexKey keys the index in the model's memo: features ask for it many
// times per snapshot (hover, highlight, inlay hints), and it lives as long as
// the model.
type indexKey struct{}

// For returns the index of m, building it on first use.
func For(m *model.Model) *Index {
	return m.Derived(indexKey{}, func() any { return build(m) }).(*Index)
}

const (
	groupStageBase     = 1 << 24 // stage groups: base + stage index
	groupUnresolvedRef = 1 << 25 // unresolved stage references by name: base + n
)

func build(m *model.Model) *Index {
	x := &Index{Model: m, groups: map[int][]int{}, varID: map[*model.Var]int{}, undeclared: map[undeclaredKey]int{}}
	x.nextGroup = 1 << 26
	x.addStages()
	x.addVariables()
	x.addHeredocs()
	sort.SliceStable(x.occ, func(i, j int) bool { return x.occ[i].Range.Start < x.occ[j].Range.Start })
	// Flatten the union-find so that the shared index is never written again.
	x.root = make([]int, len(x.parent))
	for i := range x.parent {
		x.root[i] = x.find(i)
	}
	for i := range x.occ {
		o := &x.occ[i]
		if o.Kind == VariableSymbol && o.Var != nil {
			o.group = x.root[x.varID[o.Var]]
		}
		x.groups[o.group] = append(x.groups[o.group], i)
		x.maxLen = max(x.maxLen, o.Range.Len())
	}
	return x
}

func (x *Index) add(s Symbol) {
	x.occ = append(x.occ, occurrence{s})
}

// addStages records stage declarations and every reference the model resolved.
func (x *Index) addStages() {
	m := x.Model
	for _, s := range m.Stages {
		if s.Name != "" && s.NameRange.Len() > 0 {
			x.add(Symbol{Kind: StageSymbol, Name: x.text(s.NameRange), Range: s.NameRange, Decl: true, Node: s.From, Owner: s, Stage: s, group: groupStageBase + s.Index})
		}
	}
	unresolved := map[string]int{}
	for _, r := range m.Refs {
		if r.Range.Len() == 0 || r.Target == nil && len(r.Candidates) == 0 && strings.ContainsAny(r.Value, "/:@.") {
			continue // nothing typed yet, or plainly an image (busybox:1.36, ghcr.io/x/y)
		}
		sym := Symbol{Kind: StageSymbol, Name: x.text(r.Range), Range: r.Range, Node: r.Node, Owner: r.Owner, Stage: r.Target, Ref: r, Candidates: r.Candidates, ByIndex: r.ByIndex}
		if r.Kind == model.RefFrom {
			sym.Owner = nil // the FROM line of a stage is not inside it
		}
		switch {
		case r.Target != nil:
			sym.group = groupStageBase + r.Target.Index
		default:
			key := strings.ToLower(r.Value)
			g, ok := unresolved[key]
			if !ok {
				g = groupUnresolvedRef + len(unresolved)
				unresolved[key] = g
			}
			sym.group = g
		}
		x.add(sym)
	}
}

func (x *Index) text(r syntax.Range) string {
	t := x.Model.File.Text
	return t[max(0, r.Start):min(r.End, len(t))]
}

// addVariables records every declaration and every $reference, resolving each
// reference to the declaration it reads and joining redeclarations.
func (x *Index) addVariables() {
	m := x.Model
	f := m.File
	declare := func(v *model.Var, owner *model.Stage) {
		id := len(x.decls)
		x.decls = append(x.decls, v)
		x.parent = append(x.parent, id)
		x.varID[v] = id
		x.add(Symbol{Kind: VariableSymbol, Name: v.Name, Range: v.NameRange, Decl: true, Node: v.Node, Owner: owner, Var: v})
	}
	for _, v := range m.GlobalArgs {
		declare(v, nil)
		if w := x.resolve(nil, v.Node.Offset, v.Name); w != nil {
			x.union(x.varID[v], x.varID[w])
		}
	}
	for _, s := range m.Stages {
		for _, v := range s.Vars {
			declare(v, s)
			if w := x.resolve(s, v.Node.Offset, v.Name); w != nil {
				x.union(x.varID[v], x.varID[w])
			}
			if v.Kind == model.VarArg {
				if g := globalArg(m, v.Name); g != nil {
					x.union(x.varID[v], x.varID[g])
				}
			}
		}
	}

	var refs []varRef
	var cur *model.Stage
	stageIdx := 0
	for _, n := range f.Instructions() {
		cmd := n.Command()
		scope := cur
		if cmd == "FROM" {
			if stageIdx < len(m.Stages) && m.Stages[stageIdx].From.Offset == n.Offset {
				cur = m.Stages[stageIdx]
				stageIdx++
			}
			scope = nil // FROM lines read global ARGs only
		}
		if cmd == "ONBUILD" {
			continue // a trigger's variables belong to the downstream build
		}
		refs = refs[:0]
		for _, fl := range n.Flags() {
			if fl.HasValue {
				refs = scanVarRefs(refs, f.Text, fl.ValueRange, f.Escape, quoted)
			}
		}
		refs = scanVarRefs(refs, f.Text, n.ArgsRange(), f.Escape, quoted)
		args := n.Args()
		for _, h := range n.Heredocs() {
			switch {
			case cmd == "RUN" && len(args) > 0 && args[0].Range == h.Marker:
				// RUN <<EOF: the body is the script itself; the shell reads its quotes.
				refs = scanVarRefs(refs, f.Text, h.Body, '\\', quoted)
			case !h.Quoted:
				refs = scanVarRefs(refs, f.Text, h.Body, '\\', verbatim)
			}
		}
		for _, r := range refs {
			sym := Symbol{Kind: VariableSymbol, Name: r.Name, Range: r.Range, Node: n, Owner: scope}
			sym.Var = x.resolve(scope, n.Offset, r.Name)
			if sym.Var == nil {
				key := undeclaredKey{scope, r.Name}
				g, ok := x.undeclared[key]
				if !ok {
					g = x.nextGroup
					x.nextGroup++
					x.undeclared[key] = g
				}
				sym.group = g
			}
			x.add(sym)
		}
	}
}

// resolve finds the declaration a reference to name at off in stage s reads:
// the nearest one in scope, as model.VisibleAt finds, except that a stage's
// `ARG NAME` without a value is itself the answer (Value follows it to the
// global default).
func (x *Index) resolve(s *model.Stage, off int, name string) *model.Var {
	m := x.Model
	if s == nil {
		var found *model.Var
		for _, v := range m.GlobalArgs {
			if v.Node.Offset >= off {
				break
			}
			if v.Name == name {
				found = v
			}
		}
		return found
	}
	var chain [16]*model.Stage
	n := 0
	for p := s; p != nil && n < len(chain); p = p.Parent {
		chain[n] = p
		n++
	}
	var found *model.Var
	for i := n - 1; i >= 0; i-- {
		for _, v := range chain[i].Vars {
			if chain[i] == s && v.Node.Offset >= off {
				break
			}
			if v.Name == name {
				found = v
			}
		}
	}
	return found
}

func globalArg(m *model.Model, name string) *model.Var {
	var found *model.Var
	for _, v := range m.GlobalArgs {
		if v.Name == name {
			found = v
		}
	}
	return found
}

func (x *Index) find(i int) int {
	for x.parent[i] != i {
		x.parent[i] = x.parent[x.parent[i]]
		i = x.parent[i]
	}
	return i
}

func (x *Index) union(a, b int) {
	a, b = x.find(a), x.find(b)
	if a != b {
		x.parent[max(a, b)] = min(a, b)
	}
}

// addHeredocs records each heredoc's marker name and terminator line.
func (x *Index) addHeredocs() {
	for _, n := range x.Model.File.Instructions() {
		for _, h := range n.Heredocs() {
			g := x.nextGroup
			x.nextGroup++
			name := x.markerName(h)
			x.add(Symbol{Kind: HeredocSymbol, Name: h.Name, Range: name, Decl: true, Node: n, Heredoc: h, group: g})
			if t, ok := terminatorName(h); ok {
				x.add(Symbol{Kind: HeredocSymbol, Name: h.Name, Range: t, Node: n, Heredoc: h, group: g})
			}
		}
	}
}

// markerName is the range of the delimiter inside <<NAME, <<-NAME, <<"NAME",
// 3<<'NAME'.
func (x *Index) markerName(h syntax.Heredoc) syntax.Range {
	raw := x.text(h.Marker)
	i := strings.Index(raw, "<<")
	if i < 0 {
		return h.Marker
	}
	i += 2
	if i < len(raw) && raw[i] == '-' {
		i++
	}
	j := len(raw)
	if i < j && (raw[i] == '"' || raw[i] == '\'') && raw[j-1] == raw[i] && j-i >= 2 {
		i, j = i+1, j-1
	}
	return syntax.Range{Start: h.Marker.Start + i, End: h.Marker.Start + j}
}

func terminatorName(h syntax.Heredoc) (syntax.Range, bool) {
	if !h.Terminated || h.Terminator.Len() < len(h.Name) {
		return syntax.Range{}, false
	}
	return syntax.Range{Start: h.Terminator.End - len(h.Name), End: h.Terminator.End}, true
}

// At returns the symbol at off. The innermost occurrence wins (a $VAR inside
// a templated --from), and one the cursor is strictly inside wins over one it
// touches at the end.
func (x *Index) At(off int) (Symbol, bool) {
	i := x.at(off)
	if i < 0 {
		return Symbol{}, false
	}
	return x.occ[i].Symbol, true
}

func (x *Index) at(off int) int {
	// Occurrences starting after off cannot hold it.
	hi := sort.Search(len(x.occ), func(i int) bool { return x.occ[i].Range.Start > off })
	best, bestStrict := -1, false
	for i := hi - 1; i >= 0 && x.occ[i].Range.Start >= off-x.maxLen; i-- {
		r := x.occ[i].Range
		if !r.Contains(off) {
			continue
		}
		strict := off < r.End
		switch {
		case best < 0,
			strict && !bestStrict,
			strict == bestStrict && r.Len() < x.occ[best].Range.Len():
			best, bestStrict = i, strict
		}
	}
	return best
}

// Occurrences returns every occurrence of the symbol at off, in file order.
func (x *Index) Occurrences(off int) ([]Occurrence, Symbol, bool) {
	i := x.at(off)
	if i < 0 {
		return nil, Symbol{}, false
	}
	sym := x.occ[i].Symbol
	var out []Occurrence
	for _, j := range x.groups[x.occ[i].group] {
		o := x.occ[j]
		out = append(out, Occurrence{Range: o.Range, Decl: o.Decl, ByIndex: o.ByIndex})
	}
	return out, sym, true
}

// symbols returns every occurrence in the file, in file order, for the
// tests' sweeps.
func (x *Index) symbols() []Symbol {
	out := make([]Symbol, len(x.occ))
	for i, o := range x.occ {
		out[i] = o.Symbol
	}
	return out
}

// Definition returns where the symbol at off is declared: the stage's name
// (or its FROM line when unnamed), every declaration a variable reference may
// read (several when ENV lines redeclare it), the heredoc's marker, the
// instruction that produces a COPY --from source path.
func (x *Index) Definition(off int) []syntax.Range {
	occ, sym, ok := x.Occurrences(off)
	if !ok {
		// A COPY --from source: the instruction that produces it.
		if cs, ok := CopySourceAt(x.Model, off, nil); ok && cs.File != nil {
			return []syntax.Range{cs.File.Node.Range()}
		}
		return nil
	}
	switch sym.Kind {
	case StageSymbol:
		// A reference with build arguments may select several stages; the
		// one the defaults select comes first.
		var stages []*model.Stage
		if sym.Stage != nil {
			stages = []*model.Stage{sym.Stage}
		}
		for _, c := range sym.Candidates {
			if c != sym.Stage {
				stages = append(stages, c)
			}
		}
		var out []syntax.Range
		for _, s := range stages {
			out = append(out, stageDeclRange(s))
		}
		return out
	case VariableSymbol:
		if sym.Var == nil {
			return nil
		}
		return []syntax.Range{sym.Var.NameRange}
	case HeredocSymbol:
		for _, o := range occ {
			if o.Decl {
				return []syntax.Range{o.Range}
			}
		}
	}
	return nil
}

// stageDeclRange is the stage's name, or its FROM line up to the end of its
// arguments when it has none.
func stageDeclRange(s *model.Stage) syntax.Range {
	if s.Name != "" && s.NameRange.Len() > 0 {
		return s.NameRange
	}
	kw := s.From.Keyword().Range
	return syntax.Range{Start: kw.Start, End: max(kw.End, s.From.ArgsRange().End)}
}

// References returns every occurrence of the symbol at off; declarations only
// when includeDecl is set.
func (x *Index) References(off int, includeDecl bool) []syntax.Range {
	occ, sym, ok := x.Occurrences(off)
	if !ok {
		return nil
	}
	var out []syntax.Range
	if sym.Kind == StageSymbol && includeDecl && sym.Stage != nil && sym.Stage.Name == "" {
		out = append(out, stageDeclRange(sym.Stage))
	}
	for _, o := range occ {
		if o.Decl && !includeDecl {
			continue
		}
		out = append(out, o.Range)
	}
	return out
}

// HighlightKind tells how an occurrence uses the symbol.
type HighlightKind int

const (
	HighlightText  HighlightKind = iota + 1 // neither read nor written (heredoc delimiters)
	HighlightRead                           // a reference
	HighlightWrite                          // a declaration
)

// Highlight is one occurrence to highlight in the editor.
type Highlight struct {
	Range syntax.Range
	Kind  HighlightKind
}

// Highlights returns the occurrences of the symbol at off with their kinds.
func (x *Index) Highlights(off int) []Highlight {
	occ, sym, ok := x.Occurrences(off)
	if !ok {
		return nil
	}
	out := make([]Highlight, 0, len(occ))
	for _, o := range occ {
		k := HighlightRead
		switch {
		case sym.Kind == HeredocSymbol:
			k = HighlightText
		case o.Decl:
			k = HighlightWrite
		}
		out = append(out, Highlight{Range: o.Range, Kind: k})
	}
	return out
}

// Resolve returns the declaration that a reference to name at off in stage s
// reads (s nil for FROM lines and the global scope), or nil.
func (x *Index) Resolve(s *model.Stage, off int, name string) *model.Var {
	return x.resolve(s, off, name)
}

// Declarations returns every declaration joined with v (v's redeclarations
// and, for ARGs, the global ARG of the same name), in file order.
func (x *Index) Declarations(v *model.Var) []*model.Var {
	id, ok := x.varID[v]
	if !ok {
		return nil
	}
	var out []*model.Var
	for i, d := range x.decls {
		if x.root[i] == x.root[id] {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].NameRange.Start < out[j].NameRange.Start })
	return out
}

// Readers returns the references that read the value v sets: those that
// resolve to v, and for a global ARG those that resolve to a stage's
// `ARG NAME` without a value, which takes its default from v.
func (x *Index) Readers(v *model.Var) []syntax.Range {
	var out []syntax.Range
	for _, o := range x.occ {
		if o.Kind != VariableSymbol || o.Decl || o.Var == nil {
			continue
		}
		r := o.Var
		if r == v || v.Stage == nil && r.Stage != nil && r.Kind == model.VarArg && !r.HasValue && r.Name == v.Name && globalArg(x.Model, v.Name) == v {
			out = append(out, o.Range)
		}
	}
	return out
}
