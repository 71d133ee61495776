package facts

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Command is a simple command of a RUN, unwrapped from sudo, env and the
// like, with the directory it runs in (cd followed) and the environment.
//
// The shell command is the RUN's parse itself, shared by every reader (and
// by the Builds and Packages read from it): a 32-byte value instead of a
// copy of the parse. Readers must not modify it; one that needs other words
// makes its own shell.Command (see readBuild's npx).
type Command struct {
	*shell.Command
	// Offset is where the RUN starts in the file: the shell parse's ranges
	// are relative to it (it serves the RUN wherever an edit moves it).
	Offset    int
	Dir       string
	Env       Env
	BuildArgs Env // the build arguments in scope (Step.BuildArgs)
}

// Range is the command's range in the file.
func (c Command) Range() syntax.Range { return c.Command.At(c.Offset) }

// WordRange is the range in the file of one of the command's words.
func (c Command) WordRange(w shell.Word) syntax.Range { return w.At(c.Offset) }

// Option returns the value of an option (`-o x`, `-o=x`, `--output x`).
func (c Command) Option(names ...string) (string, bool) {
	ws := c.Words
	for i := 1; i < len(ws); i++ {
		v := ws[i].Value
		for _, n := range names {
			if v == n && i+1 < len(ws) {
				return ws[i+1].Value, true
			}
			if strings.HasPrefix(v, n+"=") {
				return v[len(n)+1:], true
			}
		}
	}
	return "", false
}

// Has reports whether one of the words after the program is one of ws.
func (c Command) Has(ws ...string) bool {
	for _, x := range c.Args() {
		for _, w := range ws {
			if x.Value == w {
				return true
			}
		}
	}
	return false
}

// Assigned is the value of NAME=value given on the command itself.
func (c Command) Assigned(name string) (string, bool) {
	for _, a := range c.Assignments {
		if k, v, ok := strings.Cut(a.Value, "="); ok && k == name {
			return v, true
		}
	}
	return "", false
}

// Values are the words after the program that are not options.
func (c Command) Values() []string { return c.appendValues(nil) }

// appendValues appends the Values to out: readers with a buffer at hand
// spare the allocation.
func (c Command) appendValues(out []string) []string {
	for _, w := range c.Args() {
		if !strings.HasPrefix(w.Value, "-") {
			out = append(out, w.Value)
		}
	}
	return out
}

// Operands are the words after the program that are neither options nor
// the arguments of the options in withArg.
func (c Command) Operands(withArg map[string]bool) []string { return c.appendOperands(nil, withArg) }

// appendOperands appends the Operands to out.
func (c Command) appendOperands(out []string, withArg map[string]bool) []string {
	ws := c.Args()
	for i := 0; i < len(ws); i++ {
		v := ws[i].Value
		if strings.HasPrefix(v, "-") && len(v) > 1 {
			if withArg[v] {
				i++
			}
			continue
		}
		out = append(out, v)
	}
	return out
}

// Var is the value of name for this command: an assignment on the command,
// else the environment (ENV, then the build arguments in scope); ok is
// false for a value the build decides.
func (c Command) Var(name string) (string, bool) {
	if v, ok := c.Assigned(name); ok {
		return v, true
	}
	if v := c.Env.find(name); v != nil {
		return v.value, !v.open
	}
	return c.BuildArgs.Get(name)
}

// Declared reports whether the command's environment names the variable
// at all: assigned on the command, set by ENV, or a build argument in
// scope, even one whose value the build decides.
func (c Command) Declared(name string) bool {
	if _, ok := c.Assigned(name); ok {
		return true
	}
	return c.Env.find(name) != nil || c.BuildArgs.find(name) != nil
}

// Path resolves a path operand against the command's directory.
func (c Command) Path(p string) string { return Resolve(c.Dir, p) }
