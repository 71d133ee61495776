package refactor

import (
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
)

// depsFirst reorders the build stage when it copies the whole build context
// before it installs dependencies (CacheBustingCopy): the install RUNs move
// above that COPY, after a COPY of the manifests they read, so that a change
// in the sources no longer downloads every dependency again. It moves only
// RUNs that do nothing but install, that run in the directory the context is
// copied to, and that follow the COPY with nothing in between that could
// change what they do (another RUN, ENV, ARG, WORKDIR, USER). An install it
// cannot move gets a comment that says why. A Go build with no download of
// its own gets one, from go.mod and go.sum (go.sum* as a module without
// dependencies has none).
func (sf *stageFacts) depsFirst(p *plan) {
	ctx := -1
	installed := map[facts.Ecosystem]bool{} // ecosystems installed before the COPY or moved above it
	movable := true
	for _, b := range sf.nodes {
		if ctx < 0 {
			if sf.copiesWholeContext(b) {
				ctx = b.i
			}
			for _, d := range sf.dependencyInstalls(b) {
				installed[d.Ecosystem] = true
			}
			continue
		}
		switch b.cmd {
		case "RUN":
		case "COPY", "ADD", "EXPOSE", "LABEL", "VOLUME", "HEALTHCHECK", "STOPSIGNAL", "ENTRYPOINT", "CMD", "MAINTAINER":
			continue
		default:
			movable = false
			continue
		}
		if movable && !installed[facts.Go] && sf.goBuildInContext(b, ctx) {
			// go build downloads the modules itself: a download of its own,
			// from go.mod alone, keeps them cached.
			eol := sf.style.eol
			p.before(ctx,
				commentOut("the modules first, from go.mod and go.sum: they stay cached until those change", eol)+eol,
				sf.style.line("COPY", "go.mod go.sum* ./"),
				sf.style.line("RUN", "go mod download"))
			installed[facts.Go] = true
		}
		deps, ok := sf.onlyInstalls(b)
		if !movable || !ok || b.workdir != sf.copyDest(sf.nodes[ctx]) || sf.nodes[ctx].workdir != b.workdir {
			movable = false
			sf.keptInstall(p, ctx, b, installed)
			continue
		}
		sf.hoist(p, ctx, b, deps)
		for _, d := range deps {
			installed[d.Ecosystem] = true
		}
	}
}

// hoist writes the install RUN b above the COPY of the whole context (node
// ctx), after a COPY of the manifests deps read.
func (sf *stageFacts) hoist(p *plan, ctx int, b *bodyNode, deps []*facts.Dependency) {
	if p.hoisted == nil {
		p.hoisted = map[int]bool{}
	}
	p.hoisted[b.i] = true
	var srcs []string
	for _, d := range deps {
		for _, m := range d.Manifests {
			if !contains(srcs, m) {
				srcs = append(srcs, m)
			}
		}
	}
	// The recipe's lines around the install (a virtualenv) move with it.
	eol := sf.style.eol
	p.before(ctx,
		commentOut("the dependency manifests first: the install below stays cached until they change", eol)+eol,
		sf.style.line("COPY", strings.Join(srcs, " ")+" ./"))
	p.before(ctx, p.buildBefore[b.i]...)
	p.before(ctx, linesText(sf.f.Text, b.block(), eol)+eol)
	p.before(ctx, p.buildAfter[b.i]...)
	delete(p.buildBefore, b.i)
	delete(p.buildAfter, b.i)
}

// keptInstall says, above the COPY of the whole context, why a dependency
// install that CacheBustingCopy reports stays below it.
func (sf *stageFacts) keptInstall(p *plan, ctx int, b *bodyNode, installed map[facts.Ecosystem]bool) {
	if _, ok := b.n.Flag("mount"); ok {
		return // a cache mount keeps the downloads
	}
	for _, d := range sf.dependencyInstalls(b) {
		if installed[d.Ecosystem] {
			continue
		}
		installed[d.Ecosystem] = true
		eol := sf.style.eol
		p.before(ctx, commentOut("CacheBustingCopy: `"+d.Label+"` stays after this COPY because its RUN does more than install or follows steps it may need; copy "+
			strings.Join(d.Manifests, " ")+" and install before this line to keep the downloads cached", eol)+eol)
	}
}

// dependencyInstalls are the dependency installs of a RUN.
func (sf *stageFacts) dependencyInstalls(b *bodyNode) []*facts.Dependency {
	var out []*facts.Dependency
	for _, c := range b.cmds {
		if d, ok := facts.ReadDependency(c.Command); ok {
			out = append(out, d)
		}
	}
	return out
}

// copiesWholeContext reports a COPY or ADD of the whole build context.
func (sf *stageFacts) copiesWholeContext(b *bodyNode) bool {
	if b.cmd != "COPY" && b.cmd != "ADD" {
		return false
	}
	st := facts.Of(sf.m).Stage(sf.st)
	for _, c := range st.Copies {
		if !c.Node.Same(b.n) || c.Source != facts.FromContext {
			continue
		}
		for _, s := range c.Sources {
			if s := path.Clean(s); s == "." || s == "*" {
				return true
			}
		}
	}
	return false
}

// onlyInstalls returns the dependency installs of a RUN that does nothing
// else (cd aside) and mounts no cache; ok is false otherwise.
func (sf *stageFacts) onlyInstalls(b *bodyNode) ([]*facts.Dependency, bool) {
	if b.run == nil || !b.run.Understood() || len(b.cmds) == 0 {
		return nil, false
	}
	if _, ok := b.n.Flag("mount"); ok {
		return nil, false
	}
	var out []*facts.Dependency
	for _, c := range b.cmds {
		d, ok := facts.ReadDependency(c.Command)
		if !ok || c.Dir != b.workdir {
			return nil, false
		}
		out = append(out, d)
	}
	return out, true
}

// goBuildInContext reports a RUN of go build or go install of a module
// (not of single .go files, which need no go.mod) in the directory the
// whole context was copied to, with no cache mount that keeps the modules
// already.
func (sf *stageFacts) goBuildInContext(b *bodyNode, ctx int) bool {
	if _, ok := b.n.Flag("mount"); ok || b.workdir != sf.copyDest(sf.nodes[ctx]) || sf.nodes[ctx].workdir != b.workdir {
		return false
	}
	for _, c := range b.cmds {
		if !c.compiles() || c.build.Tool != "go" || c.Dir != b.workdir {
			continue
		}
		flags, _ := c.Env.Get("GOFLAGS")
		if v, _ := c.Option("-mod"); v == "vendor" || strings.Contains(flags, "-mod=vendor") {
			return false // the modules are in the context already
		}
		for _, op := range c.build.Operands {
			if strings.HasSuffix(op, ".go") || strings.Contains(op, "@") {
				return false
			}
		}
		return true
	}
	return false
}
