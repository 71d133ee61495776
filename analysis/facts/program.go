package facts

import (
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Program is what the image runs: the ENTRYPOINT and CMD in effect.
type Program struct {
	Set bool // an ENTRYPOINT or CMD is in effect
	// Entrypoint and Cmd are the instructions in effect; HasEntrypoint and
	// HasCmd say whether there is one.
	Entrypoint, Cmd       syntax.Node
	HasEntrypoint, HasCmd bool
	// Inherited: they come from a stage this one is built on.
	Inherited bool
	// Words is the command line: ENTRYPOINT's words, then CMD's (a
	// shell-form ENTRYPOINT ignores CMD).
	Words []string
	Shell bool // one of them is in shell form: it runs through /bin/sh -c
	// Name is the program actually started, read through `sh -c "..."`,
	// `exec` and leading NAME=value words; Args are its arguments.
	Name string
	Args []string
	// Workdir is the working directory it starts in.
	Workdir string
	// Path is where the program is: Name resolved against Workdir when it
	// has a slash, else the first PATH directory where the stage's own
	// files put it; "" when neither tells.
	Path string
}

func (r *reader) readProgram() {
	s := r.s
	p := &s.Program
	if s.Base.Stage != nil {
		*p = s.Base.Stage.Program
		p.Inherited = p.Set
	}
	for _, st := range s.Steps {
		switch st.Node.Command() {
		case "ENTRYPOINT":
			p.Entrypoint, p.HasEntrypoint = st.Node, true
			p.Cmd, p.HasCmd = syntax.Node{}, false // ENTRYPOINT resets an inherited CMD
			p.Inherited = false
		case "CMD":
			p.Cmd, p.HasCmd = st.Node, true
			p.Inherited = false
		}
	}
	p.Set = p.HasEntrypoint || p.HasCmd
	p.Workdir = r.wd
	if !p.Set {
		return
	}
	p.Words, p.Shell = nil, false
	for _, n := range []struct {
		node syntax.Node
		has  bool
	}{{p.Entrypoint, p.HasEntrypoint}, {p.Cmd, p.HasCmd}} {
		if !n.has {
			continue
		}
		if !n.node.IsJSON() {
			p.Shell = true
		}
		for _, w := range n.node.Args() {
			p.Words = append(p.Words, w.Value)
		}
		if n.node.Command() == "ENTRYPOINT" && !n.node.IsJSON() {
			break // a shell-form ENTRYPOINT ignores CMD
		}
	}
	words := p.Words
	if p.Shell && len(words) > 0 {
		words = strings.Fields(strings.Join(words, " "))
	}
	if len(words) >= 3 && shell.IsShell(path.Base(words[0])) && strings.HasPrefix(words[1], "-") && strings.Contains(words[1], "c") {
		words = strings.Fields(words[2])
	}
	for len(words) > 0 && (words[0] == "exec" || strings.Contains(words[0], "=") && !strings.HasPrefix(words[0], "-")) {
		words = words[1:]
	}
	p.Name, p.Args, p.Path = "", nil, ""
	if len(words) == 0 {
		return
	}
	p.Name, p.Args = words[0], words[1:]
	p.Path = r.programPath(p.Name, p.Workdir)
}

// programPath resolves the program against the working directory or the
// PATH in effect and the files the stage chain creates.
func (r *reader) programPath(name, wd string) string {
	name = r.sc.expand(name)
	if strings.Contains(name, "/") {
		return Resolve(wd, name)
	}
	pathVar, _ := r.sc.env.Get("PATH")
	files := r.s.Produces()
	for _, dir := range strings.Split(pathVar, ":") {
		if dir == "" || strings.Contains(dir, "$") {
			continue
		}
		candidate := path.Join(dir, name)
		for _, f := range files {
			if f.Path == candidate {
				return candidate
			}
		}
	}
	return ""
}

// ShellAt is the shell that a shell-form instruction of the stage at offset
// off starts: the last SHELL of the stage chain before it, else /bin/sh.
// It is "" when the facts cannot tell: a Windows stage (whose default is
// cmd), or a SHELL they cannot read.
func (s *Stage) ShellAt(off int) string {
	sh := "/bin/sh"
	for _, st := range s.Chain() {
		if images.Windows(st.Base.Value) {
			return ""
		}
		for _, step := range st.Steps {
			if st == s && step.Node.Offset >= off {
				break
			}
			if step.Node.Command() != "SHELL" {
				continue
			}
			args := step.Node.Args()
			if !step.Node.IsJSON() || len(args) == 0 {
				return ""
			}
			sh = args[0].Value
		}
	}
	return sh
}
