package navigate

import (
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// Value is what a declaration sets a variable to with default build
// arguments, expanded as far as the file tells: ENV's value, ARG's default,
// a stage `ARG NAME`'s inherited global default. References the build decides
// (--build-arg, predefined platform arguments, the base image's environment)
// stay as written.
func (x *Index) Value(v *model.Var) (string, model.VarState) {
	return x.value(v, 0)
}

const maxValueDepth = 16

func (x *Index) value(v *model.Var, depth int) (string, model.VarState) {
	if v == nil || depth > maxValueDepth {
		return "", model.Open
	}
	if v.HasValue {
		return model.Expand(v.Value, x.lookup(v.Stage, v.Node.Offset, depth+1)), model.Set
	}
	// ARG NAME without a default.
	if v.Stage != nil {
		if g := globalArg(x.Model, v.Name); g != nil && g != v {
			return x.value(g, depth+1)
		}
		if prev := x.resolve(v.Stage, v.Node.Offset, v.Name); prev != nil {
			return x.value(prev, depth+1)
		}
	}
	if model.BuildDefined(v.Name) {
		return "", model.Open
	}
	return "", model.Unset
}

// ValueAt is the value of name as read at off in stage s (nil for FROM lines
// and the global scope).
func (x *Index) ValueAt(s *model.Stage, off int, name string) (string, model.VarState) {
	return x.lookup(s, off, 0)(name)
}

// ExpandAt expands text as BuildKit would at off in stage s (nil for FROM
// lines), with default build arguments; what the build decides stays as written.
func (x *Index) ExpandAt(s *model.Stage, off int, text string) string {
	return model.Expand(text, x.lookup(s, off, 0))
}

func (x *Index) lookup(s *model.Stage, off int, depth int) model.Lookup {
	return func(name string) (string, model.VarState) {
		if v := x.resolve(s, off, name); v != nil {
			return x.value(v, depth+1)
		}
		if s == nil && !model.BuildDefined(name) {
			return "", model.Unset // an undeclared name in a FROM line expands to nothing
		}
		return "", model.Open
	}
}
