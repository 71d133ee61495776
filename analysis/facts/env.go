package facts

import (
	"path"
	"sort"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// Env is an environment: variable names and their values, resolved as far
// as the file tells. It is shared between steps and never modified.
type Env struct{ vars map[string]string }

// Get returns the value of name.
func (e Env) Get(name string) (string, bool) {
	v, ok := e.vars[name]
	return v, ok
}

// Names lists the variables, sorted.
func (e Env) Names() []string {
	out := make([]string, 0, len(e.vars))
	for k := range e.vars {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// with returns a copy of e with name set.
func (e Env) with(name, value string) Env {
	m := make(map[string]string, len(e.vars)+1)
	for k, v := range e.vars {
		m[k] = v
	}
	m[name] = value
	return Env{m}
}

// scope is what variable references can resolve to while a stage is read:
// the environment, and build arguments with their defaults.
type scope struct {
	env  Env
	args map[string]string // ARGs declared in the stage (with a value); copy-on-write
	open map[string]bool   // ARGs declared without a value: the build decides
}

func (sc *scope) lookup(name string) (string, model.VarState) {
	if sc.open[name] {
		return "", model.Open
	}
	if v, ok := sc.args[name]; ok {
		return v, model.Set
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

func (sc *scope) setArg(name, value string, known bool) {
	args := make(map[string]string, len(sc.args)+1)
	for k, v := range sc.args {
		args[k] = v
	}
	open := make(map[string]bool, len(sc.open))
	for k, v := range sc.open {
		open[k] = v
	}
	delete(open, name)
	delete(args, name)
	if known {
		args[name] = value
	} else {
		open[name] = true
	}
	sc.args, sc.open = args, open
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
		return path.Clean(p)
	case p == "~" || strings.HasPrefix(p, "~/"):
		return path.Join("/root", p[1:])
	case strings.HasPrefix(p, "$"):
		return path.Clean(p) // an unresolved variable: most likely absolute
	case dir == "":
		dir = "/"
	}
	return path.Join(dir, p)
}
