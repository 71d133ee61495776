package navigate

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// RenameError explains why a position cannot be renamed or a name is refused;
// its message is meant for the user.
type RenameError struct{ Msg string }

func (e *RenameError) Error() string { return e.Msg }

func refuse(format string, a ...any) error { return &RenameError{Msg: fmt.Sprintf(format, a...)} }

// stageNamePattern is BuildKit's rule for stage names (dockerfile2llb), matched
// case-insensitively.
var stageNamePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^[a-z][a-z0-9-_.]*$`) })

// variableNamePattern is a shell variable name: what $NAME can refer to.
var variableNamePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`) })

// PrepareRename returns the range to rename at off and the current name, or a
// RenameError saying why nothing there can be renamed.
func (x *Index) PrepareRename(off int) (syntax.Range, string, error) {
	sym, ok := x.At(off)
	if !ok {
		return syntax.Range{}, "", refuse("only stage names, ARG/ENV variables and heredoc delimiters can be renamed")
	}
	switch sym.Kind {
	case StageSymbol:
		switch {
		case sym.ByIndex:
			return syntax.Range{}, "", refuse("--from=%s refers to stage %s by its index; rename the stage at its name instead", sym.Name, sym.Name)
		case sym.Stage == nil && len(sym.Candidates) > 0:
			return syntax.Range{}, "", refuse("%q is computed from build arguments; rename the stages it may select instead", sym.Name)
		case sym.Stage == nil:
			return syntax.Range{}, "", refuse("no stage is named %q; it is read as an image reference", sym.Name)
		}
		if strings.ContainsAny(sym.Name, "$\"'") {
			return syntax.Range{}, "", refuse("%q is not a plain stage name", sym.Name)
		}
	case VariableSymbol:
		if sym.Var == nil {
			if model.BuildDefined(sym.Name) {
				return syntax.Range{}, "", refuse("%s is predefined by BuildKit and cannot be renamed", sym.Name)
			}
			return syntax.Range{}, "", refuse("%s is not declared in this Dockerfile (it may come from the base image's environment)", sym.Name)
		}
	}
	return sym.Range, sym.Name, nil
}

// Rename returns the edits that rename the symbol at off to newName, or a
// RenameError when the position cannot be renamed or the name is refused.
func (x *Index) Rename(off int, newName string) ([]analysis.Edit, error) {
	if _, _, err := x.PrepareRename(off); err != nil {
		return nil, err
	}
	occ, sym, _ := x.Occurrences(off)
	switch sym.Kind {
	case StageSymbol:
		if err := x.checkStageName(sym.Stage, newName); err != nil {
			return nil, err
		}
	case VariableSymbol:
		if err := x.checkVariableName(sym, occ, newName); err != nil {
			return nil, err
		}
	case HeredocSymbol:
		if err := x.checkHeredocName(sym.Heredoc, newName); err != nil {
			return nil, err
		}
	}
	var edits []analysis.Edit
	for _, o := range occ {
		if o.ByIndex {
			continue // --from=N stays valid: the index does not change
		}
		edits = append(edits, analysis.Edit{Range: o.Range, NewText: newName})
	}
	return edits, nil
}

func (x *Index) checkStageName(s *model.Stage, name string) error {
	m := x.Model
	if !stageNamePattern().MatchString(name) {
		return refuse("%q is not a valid stage name: it must start with a letter and contain only letters, digits, '-', '_' and '.'", name)
	}
	lower := strings.ToLower(name)
	if lower == "scratch" || lower == "context" {
		return refuse("%q is a reserved name and cannot name a stage", name)
	}
	for _, t := range m.Stages {
		if t != s && t.Name == lower {
			return refuse("a stage named %q already exists (line %d)", t.Name, x.line(t.NameRange.Start))
		}
	}
	// A base image or --from image of that name would start naming the stage.
	for _, t := range m.Stages {
		if t.Parent == nil && t.From.Offset > s.From.Offset && strings.ToLower(t.BaseValue) == lower {
			return refuse("FROM %s on line %d pulls an image called %q; a stage of that name would replace it", t.Base, x.line(t.BaseRange.Start), name)
		}
	}
	for _, r := range m.Refs {
		if strings.Contains(r.Value, "$") && (r.Target == s || slices.Contains(r.Candidates, s)) {
			return refuse("%s on line %d may select this stage through a build argument; renaming it would change that", r.Value, x.line(r.Range.Start))
		}
		if r.Kind != model.RefFrom && r.Target == nil && !r.ByIndex && strings.ToLower(r.Value) == lower {
			return refuse("--from=%s on line %d reads an image called %q; a stage of that name would replace it", r.Value, x.line(r.Range.Start), name)
		}
	}
	return nil
}

func (x *Index) checkVariableName(sym Symbol, occ []Occurrence, name string) error {
	if !variableNamePattern().MatchString(name) {
		return refuse("%q is not a valid variable name: use letters, digits and '_', not starting with a digit", name)
	}
	if name == sym.Name {
		return nil
	}
	if model.BuildDefined(name) {
		return refuse("%s is predefined by BuildKit; choose another name", name)
	}
	// The scopes the symbol lives in: its stages, what they inherit from and
	// what inherits from them, and the global scope when a FROM line or a
	// global ARG uses it.
	m := x.Model
	related := map[*model.Stage]bool{}
	global := false
	for _, o := range occ {
		s := x.ownerAt(o.Range.Start)
		if s == nil {
			global = true
			continue
		}
		related[s] = true
	}
	for _, d := range x.Declarations(sym.Var) {
		if d.Stage == nil {
			global = true
		}
	}
	for _, s := range m.Stages {
		for p := s; p != nil; p = p.Parent {
			if related[p] {
				// s inherits from a related stage, so it shares the scope.
				for q := s; q != nil; q = q.Parent {
					related[q] = true
				}
				break
			}
		}
	}
	if global {
		for _, v := range m.GlobalArgs {
			if v.Name == name {
				return refuse("ARG %s is already declared on line %d", name, x.line(v.NameRange.Start))
			}
		}
	}
	for _, s := range m.Stages {
		if !related[s] {
			continue
		}
		for _, v := range s.Vars {
			if v.Name == name {
				return refuse("%s %s is already declared on line %d", kindWord(v), name, x.line(v.NameRange.Start))
			}
		}
	}
	// An existing $name in those scopes would start reading the renamed variable.
	for _, o := range x.occ {
		if o.Kind != VariableSymbol || o.Decl || o.Name != name {
			continue
		}
		if s := x.ownerAt(o.Range.Start); (s == nil && global) || (s != nil && related[s]) {
			return refuse("$%s is already used on line %d; renaming would change what it reads", name, x.line(o.Range.Start))
		}
	}
	return nil
}

// ownerAt is the stage whose variables an occurrence at off reads: nil on FROM
// lines and before the first FROM.
func (x *Index) ownerAt(off int) *model.Stage {
	s := x.Model.StageAt(off)
	if s != nil && off <= s.From.Range().End {
		return nil
	}
	return s
}

func kindWord(v *model.Var) string {
	if v.Kind == model.VarEnv {
		return "ENV"
	}
	return "ARG"
}

func (x *Index) checkHeredocName(h syntax.Heredoc, name string) error {
	if name == "" || strings.ContainsAny(name, " \t\r\n\"'<>$`\\|&;()") {
		return refuse("%q cannot delimit a heredoc: use letters, digits, '_', '-' or '.'", name)
	}
	if name == h.Name {
		return nil
	}
	body := x.Model.File.Text[h.Body.Start:min(h.Body.End, len(x.Model.File.Text))]
	for _, line := range strings.FieldsFunc(body, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if h.StripTabs {
			line = strings.TrimLeft(line, "\t")
		}
		if line == name {
			return refuse("the heredoc body has a line %q, which would end it early", name)
		}
	}
	return nil
}

// line is the 1-based line of off, for messages.
func (x *Index) line(off int) int {
	l, _ := x.Model.File.Lines().Position(off)
	return l + 1
}

// Line is the 1-based line number of off, for messages.
func (x *Index) Line(off int) int { return x.line(off) }

// StageLabel is how messages name a stage: its name, else "#index".
func StageLabel(s *model.Stage) string {
	if s.Name != "" {
		return s.Name
	}
	return "#" + strconv.Itoa(s.Index)
}
