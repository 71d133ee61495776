package facts

import (
	"path"
	"sort"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// Env is an environment: variable names and their values, resolved as far
// as the file tells. It is shared between steps and never modified: each
// ENV adds a link in front of the environment it extends.
type Env struct{ head *envVar }

type envVar struct {
	name, value string
	open        bool // for build arguments: declared without a value
	next        *envVar
}

// Get returns the value of name.
func (e Env) Get(name string) (string, bool) {
	for v := e.head; v != nil; v = v.next {
		if v.name == name {
			return v.value, !v.open
		}
	}
	return "", false
}

// Names lists the variables, sorted.
func (e Env) Names() []string {
	seen := map[string]bool{}
	var out []string
	for v := e.head; v != nil; v = v.next {
		if !seen[v.name] {
			seen[v.name] = true
			out = append(out, v.name)
		}
	}
	sort.Strings(out)
	return out
}

// with returns e with name set.
func (e Env) with(mem *arena, name, value string) Env {
	v := mem.vars.new()
	*v = envVar{name: name, value: value, next: e.head}
	return Env{v}
}

// find returns the newest link for name, or nil.
func (e Env) find(name string) *envVar {
	for v := e.head; v != nil; v = v.next {
		if v.name == name {
			return v
		}
	}
	return nil
}

// scope is what variable references can resolve to while a stage is read:
// the environment, and build arguments with their defaults.
type scope struct {
	env  Env
	args Env // ARGs declared in the stage; open when the build decides the value
}

func (sc *scope) lookup(name string) (string, model.VarState) {
	if v := sc.args.find(name); v != nil {
		if v.open {
			return "", model.Open
		}
		return v.value, model.Set
	}
	if v, ok := sc.env.Get(name); ok {
		return v, model.Set
	}
	return "", model.Open
}

// expand resolves variable references; unknown ones stay as written.
func (sc *scope) expand(s string) string {
	if !strings.Contains(s, "$") {
		return s
	}
	return model.Expand(s, sc.lookup)
}

func (sc *scope) setArg(mem *arena, name, value string, known bool) {
	v := mem.vars.new()
	*v = envVar{name: name, value: value, open: !known, next: sc.args.head}
	sc.args = Env{v}
}

// unquote removes one pair of surrounding quotes from an ENV or ARG value.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// Resolve joins p to dir the way WORKDIR, cd and COPY destinations do: an
// absolute p stands alone, ~ is the root user's home, a relative p is
// joined to dir. A trailing slash is dropped.
func Resolve(dir, p string) string {
	switch {
	case p == "":
		return dir
	case strings.HasPrefix(p, "/"):
		if isClean(p) {
			return p // most paths are written clean: spare Clean's scan
		}
		return path.Clean(p)
	case p == "~" || strings.HasPrefix(p, "~/"):
		return path.Join("/root", p[1:])
	case strings.HasPrefix(p, "$"):
		return path.Clean(p) // an unresolved variable: most likely absolute
	case dir == "":
		dir = "/"
	}
	return join(dir, p)
}

// join is path.Join(dir, p) for a relative p. The paths of a Dockerfile are
// mostly written clean (/src and ./pkg/): those are joined with one
// allocation instead of Join's three.
func join(dir, p string) string {
	rel := p
	for len(rel) > 2 && rel[0] == '.' && rel[1] == '/' && rel[2] != '/' {
		rel = rel[2:]
	}
	if rel == "." || rel == "./" {
		rel = ""
	}
	rel = strings.TrimSuffix(rel, "/")
	switch {
	case !isClean(dir) || rel != "" && !relClean(rel):
		return path.Join(dir, p)
	case rel == "":
		return dir
	case dir == "/":
		return "/" + rel
	}
	return dir + "/" + rel
}

// isClean reports an absolute path that path.Clean would return unchanged:
// no empty, "." or ".." element and no trailing slash.
func isClean(p string) bool {
	return p == "/" || strings.HasPrefix(p, "/") && relClean(p[1:])
}

// relClean reports a relative path path.Clean would return unchanged.
func relClean(p string) bool {
	for {
		elem, rest, more := strings.Cut(p, "/")
		if elem == "" || elem == "." || elem == ".." {
			return false
		}
		if !more {
			return true
		}
		p = rest
	}
}
