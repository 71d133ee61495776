package refactor

import (
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// planGo: `go build -o X` (or go install) → a distroless image; static when
// cgo is off, else with glibc.
func planGo(sf *stageFacts) (*plan, bool) {
	p := &plan{recipe: "go", what: "Go binary"}
	static := true
	built := false
	var builds []cmdAt
	for _, c := range sf.commands() {
		if c.Name() != "go" || len(c.Words) < 2 {
			continue
		}
		sub := c.Words[1].Value
		if sub != "build" && sub != "install" {
			continue
		}
		out, pkgs, ok := sf.goOutput(c, sub)
		if sub == "install" && len(pkgs) > 0 && strings.Contains(pkgs[0], "@") && !sf.entryUses(base(out)) {
			continue // a tool for the build (go install x/y@v), not the program
		}
		if sub == "build" && isTestBuild(c) {
			continue
		}
		built = true
		builds = append(builds, c)
		if !sf.cgoOff(c) {
			static = false
		}
		if ok {
			sf.artifact(p, out)
		}
	}
	if !built {
		// A Makefile or script that runs the Go build: the program the
		// image starts is the artifact.
		if !sf.base.known || sf.base.match.Image.Ecosystem != "go" || sf.entryPath() == "" || onPath[dirOf(sf.entryPath())] || !sf.runsSomething() {
			return nil, false
		}
		static = sf.base.family == "alpine" && !sf.installs("gcc", "build-base", "musl-dev")
	}
	if static {
		sf.crossCompileGo(p, builds)
	}
	if ep := sf.entryPath(); ep != "" && !sf.coveredBy(p, ep) && !onPath[dirOf(ep)] {
		p.copyPath(ep)
	}
	if len(p.copies) == 0 {
		p.copies = append(p.copies, placeholderCopy(sf, "the binary go build writes (its name was not found)"))
	}
	switch {
	case sf.base.family == "alpine" && static:
		p.rt = describeRuntime("gcr.io/distroless/static-debian12")
		sf.finishRuntime(p, sf.alpineImage())
	case sf.base.family == "alpine":
		p.rt = describeRuntime(sf.alpineImage())
		sf.finishRuntime(p, "")
	case static:
		p.rt = describeRuntime("gcr.io/distroless/static-debian12")
		sf.finishRuntime(p, sf.debianSlim())
	default:
		ref := sf.distroless("base")
		if ref == "" {
			ref = sf.debianSlim()
		}
		p.rt = describeRuntime(ref)
		sf.finishRuntime(p, sf.debianSlim())
	}
	if p.rt.family == "apt" {
		// Debian slim has no CA certificates; Go programs usually need them.
		p.packages = append(p.packages, "ca-certificates")
	}
	return p, true
}

// crossCompileGo: in a file built for several platforms, a static Go build
// runs on $BUILDPLATFORM and cross-compiles for the target (natively, where
// the same build on the target platform would run under emulation). Only
// plain go build commands are rewritten: go install writes a cross-compiled
// binary into a subdirectory, and a wrapper or a pinned --platform is the
// author's choice.
func (sf *stageFacts) crossCompileGo(p *plan, builds []cmdAt) {
	if len(builds) == 0 || !facts.MultiPlatform(sf.f.Text) {
		return
	}
	if _, pinned := sf.st.From.Flag("platform"); pinned {
		return
	}
	var ins []textInsert
	for _, c := range builds {
		if c.Words[0].Value != "go" || c.Words[1].Value != "build" || c.node.n.IsJSON() {
			return
		}
		_, arch := c.Var("GOARCH")
		_, goos := c.Var("GOOS")
		if !arch && !goos {
			ins = append(ins, textInsert{at: c.WordRange(c.Words[0]).Start, text: facts.GoCrossEnv + " "})
		}
	}
	first := builds[0].node
	if missing := sf.undeclaredArgs(facts.GoTargetArgs, first.n.Offset); len(missing) > 0 {
		p.before(first.i, sf.style.line("ARG", strings.Join(missing, " ")))
	}
	p.buildPlatform, p.buildInserts = true, ins
}

// undeclaredArgs are those of the space-separated names the stage does not
// declare with ARG before offset.
func (sf *stageFacts) undeclaredArgs(names string, offset int) []string {
	var missing []string
	for _, name := range strings.Fields(names) {
		declared := false
		for _, v := range sf.st.Vars {
			declared = declared || v.Kind == model.VarArg && v.Name == name && v.Node.Offset < offset
		}
		if !declared {
			missing = append(missing, name)
		}
	}
	return missing
}

// isTestBuild: `go build ./...` only checks that everything compiles.
func isTestBuild(c cmdAt) bool {
	_, hasOut := c.Option("-o")
	for _, v := range c.Values()[1:] {
		if strings.HasSuffix(v, "...") && !hasOut {
			return true
		}
	}
	return false
}

// goOutput is where a go build or go install writes its binary (from the
// facts layer), and the packages it builds. A binary name the facts only
// guess is taken from the program the image runs when there is one.
func (sf *stageFacts) goOutput(c cmdAt, sub string) (string, []string, bool) {
	if c.build == nil || len(c.build.Outputs) == 0 {
		return "", nil, false
	}
	o, pkgs := c.build.Outputs[0], c.build.Operands
	p := o.Path
	if o.Maybe {
		if sf.entry.prog == "" {
			return "", pkgs, false
		}
		p = path.Join(path.Dir(p), base(sf.entry.prog))
	}
	return p, pkgs, !strings.Contains(p, "$") && !strings.Contains(p, "`")
}

// cgoOff reports whether a go command builds without cgo: CGO_ENABLED=0 on
// the command, exported or set by ENV/ARG before it, or no C compiler in an
// Alpine image.
func (sf *stageFacts) cgoOff(c cmdAt) bool {
	if v, ok := c.Assigned("CGO_ENABLED"); ok {
		return v == "0"
	}
	for _, x := range c.node.cmds {
		if x.Range().Start >= c.Range().Start {
			break
		}
		if x.Name() == "export" {
			for _, w := range x.Words[1:] {
				if w.Value == "CGO_ENABLED=0" {
					return true
				}
			}
		}
	}
	if v, ok := sf.varValue("CGO_ENABLED", c.node.n.Offset); ok {
		return v == "0"
	}
	for _, x := range sf.commands() {
		if x.Name() == "go" && x.Has("env") && x.Has("-w") && x.Has("CGO_ENABLED=0") {
			return true
		}
	}
	if ld, ok := c.Option("-ldflags"); ok && strings.Contains(ld, "-static") {
		return true
	}
	return sf.base.family == "alpine" && !sf.installs("gcc", "build-base", "musl-dev", "clang")
}

// installs reports whether the build installs one of the packages.
func (sf *stageFacts) installs(names ...string) bool {
	for _, p := range sf.pkgs {
		for _, n := range p.names {
			for _, w := range names {
				if n == w {
					return true
				}
			}
		}
	}
	return false
}

// runsSomething reports whether the stage has a RUN.
func (sf *stageFacts) runsSomething() bool {
	for _, n := range sf.nodes {
		if n.cmd == "RUN" {
			return true
		}
	}
	return false
}

// coveredBy reports whether path is one of the plan's copies or inside one.
func (sf *stageFacts) coveredBy(p *plan, path string) bool {
	for _, c := range p.copies {
		if c.src == path || strings.HasPrefix(path, strings.TrimSuffix(c.src, "/")+"/") {
			return true
		}
	}
	return false
}

// placeholderCopy is the clearly marked COPY the user completes.
func placeholderCopy(sf *stageFacts, what string) copyLine {
	wd := sf.finalWorkdir()
	if wd == "/" {
		wd = ""
	}
	return copyLine{
		src: wd + "/REPLACE-WITH-ARTIFACT-PATH", dst: strings.TrimSuffix(sf.finalWorkdir(), "/") + "/", placeholder: true,
		comment: "TODO(dockerfile-lsp): copy " + what + " from the build stage; replace the placeholder path",
	}
}
