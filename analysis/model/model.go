// Package model is the semantic view of a Dockerfile: stages, variables and the
// stage graph, built from a syntax snapshot. It follows BuildKit's semantics
// (frontend/dockerfile/dockerfile2llb/convert.go): FROM only resolves stages
// declared before it, COPY --from resolves names case-insensitively (any stage)
// or numeric indexes, RUN --mount from= resolves names only, and --from never
// expands variables.
package model

import (
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/cache"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Model is immutable once built.
type Model struct {
	File       *syntax.File
	GlobalArgs []*Var // ARGs before the first FROM: visible to FROM lines only
	Stages     []*Stage
	Refs       []*Ref // every stage reference, in file order
	Problems   []Problem

	memo memo // see Derived
}

// Stage is one FROM and the instructions up to the next FROM.
type Stage struct {
	Index     int
	Name      string       // lower-cased, as BuildKit keys it; empty when unnamed
	NameRange syntax.Range // the name after AS; empty when unnamed
	From      syntax.Node
	Base      string       // the base as written
	BaseValue string       // the base after expanding global ARG defaults
	BaseRange syntax.Range // empty when FROM has no argument yet
	Parent    *Stage       // set when the base names an earlier stage
	Platform  string
	Body      []syntax.Node // instructions after FROM, up to the next FROM
	Vars      []*Var        // ARG and ENV declared in this stage, in order
	Range     syntax.Range  // from FROM to the end of the stage's last instruction
}

// Label is how the stage is referred to in messages: its name or its index.
func (s *Stage) Label() string {
	if s.Name != "" {
		return s.Name
	}
	return strconv.Itoa(s.Index)
}

// RefKind says which construct refers to a stage.
type RefKind int

const (
	RefFrom      RefKind = iota + 1 // FROM <stage>
	RefCopyFrom                     // COPY --from=<stage> (also inside ONBUILD)
	RefMountFrom                    // RUN --mount=...,from=<stage>
)

// Ref is one place that names a stage or image as a source.
type Ref struct {
	Kind    RefKind
	Owner   *Stage // the stage the reference is in; nil before the first FROM
	Node    syntax.Node
	Value   string       // as written, unquoted
	Range   syntax.Range // the value's range
	Target  *Stage       // the stage it resolves to; nil for images and errors
	OnBuild bool         // inside ONBUILD
	ByIndex bool         // --from=N
	// Candidates are the stages a --build-arg could make a reference with
	// variables select, e.g. every binaries-* stage for FROM binaries-$TARGETOS.
	Candidates []*Stage
}

// Problem is a semantic error BuildKit would refuse the build for; rules turn
// them into diagnostics.
type Problem struct {
	Kind  ProblemKind
	Range syntax.Range
	Ref   *Ref   // for reference problems
	Stage *Stage // for stage problems
}

// ProblemKind enumerates model-level errors.
type ProblemKind int

const (
	IndexOutOfRange ProblemKind = iota + 1
	VariableInFrom
	DuplicateName
	ReservedName
)

// StageByName finds a stage case-insensitively, as BuildKit does; of two
// stages with one name, BuildKit keeps the later.
func (m *Model) StageByName(name string) *Stage {
	name = strings.ToLower(name)
	for i := len(m.Stages) - 1; i >= 0; i-- {
		if s := m.Stages[i]; s.Name != "" && s.Name == name {
			return s
		}
	}
	return nil
}

// FirstStageNamed is the earliest stage called name (case-insensitive).
func (m *Model) FirstStageNamed(name string) *Stage {
	name = strings.ToLower(name)
	for _, s := range m.Stages {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// StageAt returns the stage whose range holds off, or nil before the first FROM.
func (m *Model) StageAt(off int) *Stage {
	var found *Stage
	for _, s := range m.Stages {
		if s.From.Offset > off {
			break
		}
		found = s
	}
	return found
}

// Final is the stage a plain build produces: target if it names a stage, else the last.
func (m *Model) Final(target string) *Stage {
	if len(m.Stages) == 0 {
		return nil
	}
	if target != "" {
		if s := m.StageByName(target); s != nil {
			return s
		}
	}
	return m.Stages[len(m.Stages)-1]
}

// Of returns the model of f, built once and shared while the engine's cache
// keeps it: every feature asking about one snapshot gets the same model.
// Models are immutable.
func Of(f *syntax.File) *Model {
	// The entry pins the snapshot's syntax as well as the model and what is
	// memoized on it (facts, the navigation index): together a few dozen
	// times the text (the model alone is 0.6× on the real corpus).
	return cache.Do(modelKey{f}, 24*len(f.Text)+4096, func() *Model { return Build(f) })
}

type modelKey struct{ f *syntax.File }

var builds atomic.Int64

// Builds counts the models built so far in this process, for the tests that
// check a snapshot's model is built once.
func Builds() int64 { return builds.Load() }

// Build derives the model of f afresh; Of is the shared one.
func Build(f *syntax.File) *Model {
	builds.Add(1)
	b := builder{m: &Model{File: f}, escape: f.Escape}
	for _, n := range f.Instructions() {
		b.add(n)
	}
	b.finish()
	return b.m
}

type builder struct {
	m      *Model
	escape byte
	cur    *Stage
	names  map[string]*Stage
}

func (b *builder) add(n syntax.Node) {
	if n.Command() == "FROM" {
		b.addStage(n)
		return
	}
	if b.cur == nil {
		if n.Command() == "ARG" {
			b.m.GlobalArgs = append(b.m.GlobalArgs, declaredVars(n, VarArg, nil)...)
		}
		return
	}
	b.cur.Body = append(b.cur.Body, n)
	b.cur.Range.End = n.Range().End
	switch n.Command() {
	case "ARG":
		b.cur.Vars = append(b.cur.Vars, declaredVars(n, VarArg, b.cur)...)
	case "ENV":
		b.cur.Vars = append(b.cur.Vars, declaredVars(n, VarEnv, b.cur)...)
	}
	b.addSourceRefs(n, false)
	if inner, ok := n.OnBuild(); ok {
		b.addSourceRefs(inner, true)
	}
}

func (b *builder) addStage(n syntax.Node) {
	s := &Stage{Index: len(b.m.Stages), From: n, Range: n.Range()}
	sem := semanticsOf(n, b.escape)
	args := n.Args()
	if len(args) > 0 {
		s.Base, s.BaseRange = args[0].Value, args[0].Range
	} else {
		end := n.ArgsRange().Start
		s.BaseRange = syntax.Range{Start: end, End: end}
	}
	if len(args) >= 3 && strings.EqualFold(args[1].Value, "as") {
		s.Name, s.NameRange = strings.ToLower(args[2].Value), args[2].Range
	}
	if sem.ok {
		s.Base, s.Name = sem.base, sem.stageName
	}
	if p, ok := n.Flag("platform"); ok {
		s.Platform = p.Value
	}
	s.BaseValue = expand(s.Base, b.m.GlobalArgs)
	// FROM resolves only stages declared before it (BuildKit's addState), by
	// their lower-cased name; a later stage's name is an image reference.
	parent := b.names[s.BaseValue]
	var candidates []*Stage
	if hasVariable(s.Base) {
		candidates = matchingStages(b.m.Stages, s.Base)
	}
	if parent != nil || len(candidates) > 0 {
		s.Parent = parent
		b.m.Refs = append(b.m.Refs, &Ref{Kind: RefFrom, Owner: s, Node: n, Value: s.Base, Range: s.BaseRange, Target: parent, Candidates: candidates})
	}
	if s.Name != "" {
		if _, reserved := reservedStageNames[s.Name]; reserved {
			b.m.Problems = append(b.m.Problems, Problem{Kind: ReservedName, Range: s.NameRange, Stage: s})
		}
		if b.names == nil {
			b.names = map[string]*Stage{}
		}
		if _, dup := b.names[s.Name]; dup {
			b.m.Problems = append(b.m.Problems, Problem{Kind: DuplicateName, Range: s.NameRange, Stage: s})
		}
		b.names[s.Name] = s // BuildKit's statesByName: the later stage wins
	}
	b.m.Stages = append(b.m.Stages, s)
	b.cur = s
}

// reservedStageNames mirrors BuildKit's dockerfile2llb list.
var reservedStageNames = map[string]struct{}{"context": {}, "scratch": {}}

// addSourceRefs records COPY --from and RUN --mount from= references; they are
// resolved in finish because COPY --from may name a stage declared later.
func (b *builder) addSourceRefs(n syntax.Node, onbuild bool) {
	switch n.Command() {
	case "COPY":
		if f, ok := n.Flag("from"); ok {
			b.m.Refs = append(b.m.Refs, &Ref{Kind: RefCopyFrom, Owner: b.cur, Node: n, Value: f.Value, Range: f.ValueRange, OnBuild: onbuild})
		}
	case "RUN":
		for _, f := range n.Flags() {
			if f.Name != "mount" {
				continue
			}
			for _, kv := range f.Fields {
				if strings.EqualFold(kv.Key, "from") {
					b.m.Refs = append(b.m.Refs, &Ref{Kind: RefMountFrom, Owner: b.cur, Node: n, Value: kv.Value, Range: kv.ValueRange, OnBuild: onbuild})
				}
			}
		}
	}
}

func (b *builder) finish() {
	for _, r := range b.m.Refs {
		if r.Kind == RefFrom || r.Value == "" {
			continue
		}
		value := r.Value
		if hasVariable(value) {
			// BuildKit refuses variables in COPY --from but expands mount options.
			if r.Kind == RefCopyFrom {
				b.m.Problems = append(b.m.Problems, Problem{Kind: VariableInFrom, Range: r.Range, Ref: r})
				continue
			}
			r.Candidates = matchingStages(b.m.Stages, value)
			value = b.m.expandAt(r.Owner, r.Node.Offset, value)
			if hasVariable(value) {
				continue
			}
		}
		if r.Kind == RefCopyFrom {
			// COPY --from=N is an index; BuildKit rejects one out of range.
			if i, err := strconv.Atoi(r.Value); err == nil {
				r.ByIndex = true
				if i < 0 || i >= len(b.m.Stages) {
					b.m.Problems = append(b.m.Problems, Problem{Kind: IndexOutOfRange, Range: r.Range, Ref: r})
				} else {
					r.Target = b.m.Stages[i]
				}
				continue
			}
		}
		r.Target = b.names[strings.ToLower(value)]
	}
}

// matchingStages lists the named stages whose name the template could expand
// to, each variable standing for any text.
func matchingStages(stages []*Stage, template string) []*Stage {
	var out []*Stage
	for _, s := range stages {
		if s.Name != "" && matchTemplate(strings.ToLower(template), s.Name) {
			out = append(out, s)
		}
	}
	return out
}

// matchTemplate reports whether name fits template, where $VAR and ${...}
// match any run of characters and everything else matches itself.
func matchTemplate(template, name string) bool {
	var literals []string
	var cur strings.Builder
	for i := 0; i < len(template); i++ {
		if template[i] != '$' {
			cur.WriteByte(template[i])
			continue
		}
		literals = append(literals, cur.String())
		cur.Reset()
		if i+1 < len(template) && template[i+1] == '{' {
			if end := strings.IndexByte(template[i:], '}'); end >= 0 {
				i += end
				continue
			}
			i = len(template)
			continue
		}
		for i+1 < len(template) && isNameByte(template[i+1], false) {
			i++
		}
	}
	literals = append(literals, cur.String())
	if len(literals) == 1 {
		return name == literals[0]
	}
	if !strings.HasPrefix(name, literals[0]) {
		return false
	}
	rest := name[len(literals[0]):]
	last := literals[len(literals)-1]
	for _, lit := range literals[1 : len(literals)-1] {
		i := strings.Index(rest, lit)
		if i < 0 {
			return false
		}
		rest = rest[i+len(lit):]
	}
	return strings.HasSuffix(rest, last)
}

// hasVariable reports whether s would be expanded by the shell lexer.
func hasVariable(s string) bool { return strings.Contains(s, "$") }
