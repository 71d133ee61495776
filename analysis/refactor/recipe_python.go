package refactor

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
)

// pipInstall recognises a Python dependency install (pip, uv, poetry,
// pipenv) and returns the tool.
func pipInstall(c cmdAt) (string, bool) {
	p, ok := facts.ParsePackage(c.Command.Command)
	if !ok || p.Manager != facts.Pip || p.Op != facts.OpInstall {
		return "", false
	}
	return p.Tool, true
}

// planPython: the dependencies go into a virtualenv in the build stage,
// which is copied with the application into python:<same version>-slim.
func planPython(sf *stageFacts) (*plan, bool) {
	repo := sf.base.ref.Repo
	if repo != "python" && !strings.HasSuffix(repo, "/python") {
		return nil, false
	}
	if tag := sf.base.ref.Tag; tag == "2" || strings.HasPrefix(tag, "2.") || strings.HasPrefix(tag, "2-") {
		return nil, false // Python 2 has no venv module
	}
	p := &plan{recipe: "python", what: "Python application"}
	var first *bodyNode
	venv, user, prefix, target := "", false, "", ""
	for _, c := range sf.commands() {
		if b := c.build; b != nil && b.Kind == facts.Environment && (b.Task == "venv" || b.Task == "virtualenv" || b.Tool == "virtualenv") {
			if len(b.Outputs) > 0 && first == nil {
				venv = b.Outputs[0].Path
			}
			continue
		}
		tool, ok := pipInstall(c)
		if !ok {
			continue
		}
		if first == nil {
			first = c.node
		}
		if tool == "pip" {
			if c.Has("--user") {
				user = true
			}
			if v, ok := c.Option("--prefix"); ok {
				prefix = sf.resolve(c.Dir, v)
			}
			if v, ok := c.Option("--target", "-t"); ok {
				target = sf.resolve(c.Dir, v)
			}
		}
	}
	if first == nil || !sf.heavyBase() {
		return nil, false
	}
	eol := sf.style.eol
	switch {
	case venv != "":
		p.copyPath(venv)
	case user:
		p.copyPath("/root/.local")
		p.runtimeEnv = append(p.runtimeEnv, sf.style.line("ENV", `PATH="/root/.local/bin:$PATH"`))
	case prefix != "":
		p.copies = append(p.copies, copyLine{src: prefix, dst: "/usr/local", comment: "the packages pip installed under " + prefix})
	case target != "":
		p.copyPath(target)
	default:
		env := sf.style.line("ENV", `VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"`)
		p.before(first.i,
			commentOut("dependencies go into a virtualenv that the runtime stage copies", eol)+eol,
			sf.style.line("RUN", "python -m venv /opt/venv"),
			env)
		p.copies = append(p.copies, copyLine{src: "/opt/venv", dst: "/opt/venv", comment: "the virtualenv with the dependencies"})
		p.runtimeEnv = append(p.runtimeEnv, env)
	}
	sf.copyApplication(p)
	p.rt = describeRuntime(sf.slimOf())
	sf.finishRuntime(p, "")
	return p, true
}

// copyApplication copies the application's directory (the working
// directory the build ends in) or, without one, what the COPY instructions
// put in place.
func (sf *stageFacts) copyApplication(p *plan) {
	if wd := sf.finalWorkdir(); wd != "/" && !strings.Contains(wd, "$") {
		p.copies = append(p.copies, copyLine{src: wd, dst: wd, comment: "the application"})
		return
	}
	for _, n := range sf.nodes {
		if n.cmd != "COPY" && n.cmd != "ADD" {
			continue
		}
		if _, ok := n.n.Flag("from"); ok || len(n.n.Heredocs()) > 0 {
			continue
		}
		args := n.n.Args()
		if len(args) < 2 {
			continue
		}
		dst := sf.resolve(n.workdir, sf.expand(args[len(args)-1].Value, n.n.Offset))
		dirDst := strings.HasSuffix(args[len(args)-1].Value, "/") || len(args) > 2 || args[len(args)-1].Value == "."
		for _, src := range args[:len(args)-1] {
			s := src.Value
			switch {
			case !dirDst:
				p.copyPath(dst)
			case s == "." || s == "./" || strings.ContainsAny(s, "*?[") || dst == "/":
				p.copies = append(p.copies, placeholderCopy(sf, "the application files"))
				return
			default:
				p.copyPath(strings.TrimSuffix(dst, "/") + "/" + base(s))
			}
		}
	}
}
