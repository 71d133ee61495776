package model

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// VarKind tells ARG from ENV.
type VarKind int

const (
	VarArg VarKind = iota + 1
	VarEnv
)

// Var is one ARG or ENV declaration.
type Var struct {
	Kind      VarKind
	Name      string
	Value     string // the default (ARG) or value (ENV), unexpanded
	HasValue  bool
	NameRange syntax.Range
	Node      syntax.Node
	Stage     *Stage // nil for global ARGs
}

// declaredVars reads `ARG a b=c` and `ENV k=v k2=v2` as well as the legacy
// `ENV key value with spaces` form.
func declaredVars(n syntax.Node, kind VarKind, st *Stage) []*Var {
	args := n.Args()
	if kind == VarEnv && len(args) >= 2 && !strings.Contains(args[0].Value, "=") {
		rest := syntax.Range{Start: args[1].Range.Start, End: args[len(args)-1].Range.End}
		value := strings.TrimSpace(n.Text()[rest.Start-n.Offset : rest.End-n.Offset])
		return []*Var{{Kind: kind, Name: args[0].Value, Value: value, HasValue: true, NameRange: args[0].Range, Node: n, Stage: st}}
	}
	vars := make([]*Var, 0, len(args))
	for _, w := range args {
		name, value, has := strings.Cut(w.Value, "=")
		if name == "" {
			continue
		}
		r := syntax.Range{Start: w.Range.Start, End: w.Range.Start + len(name)}
		if r.End > w.Range.End { // quoted names: fall back to the whole word
			r = w.Range
		}
		vars = append(vars, &Var{Kind: kind, Name: name, Value: value, HasValue: has, NameRange: r, Node: n, Stage: st})
	}
	return vars
}

// VisibleAt returns the variables in scope at byte offset off of stage s:
// everything its parent stages declared, then its own declarations before off.
// A global ARG is visible inside a stage only once the stage redeclares it.
// Later declarations shadow earlier ones; the result is keyed by name.
func (m *Model) VisibleAt(s *Stage, off int) map[string]*Var {
	scope := map[string]*Var{}
	if s == nil {
		for _, v := range m.GlobalArgs {
			if v.Node.Offset < off {
				scope[v.Name] = v
			}
		}
		return scope
	}
	var chain []*Stage
	for p := s; p != nil && len(chain) <= len(m.Stages); p = p.Parent {
		chain = append(chain, p)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		for _, v := range chain[i].Vars {
			if chain[i] == s && v.Node.Offset >= off {
				break
			}
			if v.Kind == VarArg && !v.HasValue {
				if g := m.globalArg(v.Name); g != nil && scope[v.Name] == nil {
					scope[v.Name] = g
					continue
				}
			}
			scope[v.Name] = v
		}
	}
	return scope
}

func (m *Model) globalArg(name string) *Var {
	var found *Var
	for _, v := range m.GlobalArgs {
		if v.Name == name {
			found = v
		}
	}
	return found
}

// expand substitutes variables with the defaults of vars; unknown variables
// become empty, as in BuildKit.
func expand(s string, vars []*Var) string {
	if !strings.Contains(s, "$") {
		return s
	}
	return Expand(s, func(name string) (string, VarState) {
		val, st := "", Unset
		for _, v := range vars {
			if v.Name == name && v.HasValue {
				val, st = v.Value, Set
			}
		}
		return val, st
	})
}

func isNameByte(c byte, first bool) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || !first && c >= '0' && c <= '9'
}

// expandAt expands s with the variables visible at off in stage st; a
// variable with no known value is left as written.
func (m *Model) expandAt(st *Stage, off int, s string) string {
	scope := m.VisibleAt(st, off)
	vars := make([]*Var, 0, len(scope))
	for _, v := range scope {
		vars = append(vars, v)
	}
	return expand(s, vars)
}

// BaseResolved reports whether s.BaseValue is fully known without build
// arguments: every variable in the base has a default among the global ARGs,
// or is used in a form that supplies one (${X:-word}, ${X:+word}).
func (m *Model) BaseResolved(s *Stage) bool {
	base := s.Base
	for i := 0; i < len(base); i++ {
		if base[i] != '$' || i+1 >= len(base) {
			continue
		}
		var name string
		if base[i+1] == '{' {
			end := strings.IndexByte(base[i:], '}')
			if end < 0 {
				return false
			}
			expr := base[i+2 : i+end]
			if strings.ContainsAny(expr, "-+") {
				i += end
				continue // the form gives a value whether or not the ARG is set
			}
			name = expr
			i += end
		} else {
			j := i + 1
			for j < len(base) && isNameByte(base[j], j == i+1) {
				j++
			}
			name = base[i+1 : j]
			i = j - 1
		}
		if !hasDefault(m.GlobalArgs, name) {
			return false
		}
	}
	return true
}

func hasDefault(vars []*Var, name string) bool {
	for _, v := range vars {
		if v.Name == name && v.HasValue {
			return true
		}
	}
	return false
}
