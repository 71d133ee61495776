package refactor

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
)

// A recipe recognises one kind of build from the stage's commands and plans
// its split. Recipes are tried in order; generic comes last.
type recipe struct {
	name string
	plan func(sf *stageFacts) (*plan, bool)
}

var recipes = []recipe{
	{"dotnet", planDotnet},
	{"java", planJava},
	{"rust", planRust},
	{"go", planGo},
	{"node", planNode},
	{"python", planPython},
	{"c", planC},
}

// chooseRecipe picks the recipe for what the image runs: the interpreter
// it starts (java, dotnet, node, python) or, for a compiled program, the
// last build step. It falls back to the generic split when something is
// built that no recipe understands, and returns nil when nothing is built.
func chooseRecipe(sf *stageFacts) *plan {
	order := make([]recipe, 0, len(recipes))
	if first := sf.preferredRecipe(); first != "" {
		for _, r := range recipes {
			if r.name == first {
				order = append(order, r)
			}
		}
	}
	for _, r := range recipes {
		if len(order) == 0 || r.name != order[0].name {
			order = append(order, r)
		}
	}
	for _, r := range order {
		if p, ok := r.plan(sf); ok {
			return p
		}
	}
	if p, ok := planGeneric(sf); ok {
		return p
	}
	return nil
}

// preferredRecipe reads the program the image runs, then the last build
// step, then the base image.
func (sf *stageFacts) preferredRecipe() string {
	switch prog := base(sf.entry.prog); {
	case prog == "java":
		return "java"
	case prog == "dotnet":
		return "dotnet"
	case prog == "node" || prog == "npm" || prog == "yarn" || prog == "pnpm" || prog == "npx" || staticServers[prog]:
		return "node"
	case pythonProgs[prog] || strings.HasPrefix(prog, "python"):
		return "python"
	}
	cmds := sf.commands()
	for i := len(cmds) - 1; i >= 0; i-- {
		if eco := buildEcosystem(cmds[i]); eco != "" {
			return eco
		}
	}
	if sf.base.known {
		switch eco := sf.base.match.Image.Ecosystem; eco {
		case "go", "rust", "java", "dotnet", "node", "python", "c":
			return eco
		}
	}
	return ""
}

// pythonProgs start a Python application.
var pythonProgs = map[string]bool{
	"gunicorn": true, "uvicorn": true, "flask": true, "celery": true, "daphne": true, "hypercorn": true,
	"waitress-serve": true, "streamlit": true, "django-admin": true, "fastapi": true, "granian": true,
}

// staticServers serve a directory of files.
var staticServers = map[string]bool{"serve": true, "http-server": true, "nginx": true, "live-server": true, "static-server": true}

// buildEcosystem is the ecosystem of the compile step c runs, or "".
func buildEcosystem(c cmdAt) string {
	if !c.compiles() {
		return ""
	}
	return string(c.build.Ecosystem)
}

// heavyBase reports whether the build ships more than it needs even without
// a compile step: a full language image (node, python: compilers and
// headers) or build tools it installed itself.
func (sf *stageFacts) heavyBase() bool {
	if sf.base.known {
		return true
	}
	for _, p := range sf.pkgs {
		if p.node.run != nil && p.node.run.Cleanup.Any() {
			continue // installed and removed again in one RUN
		}
		for _, n := range p.names {
			if facts.BuildOnlyPackage(n) && n != "curl" && n != "wget" && n != "git" || isDevPackage(n) {
				return true
			}
		}
	}
	return false
}

// exposes reports whether the image serves on a port.
func (sf *stageFacts) exposes() bool {
	for _, n := range sf.nodes {
		if n.cmd == "EXPOSE" {
			return true
		}
	}
	return false
}

// needsShell reports whether the runtime image needs /bin/sh: a shell-form
// command or health check, a script as entry point, a user to create.
func (sf *stageFacts) needsShell() bool {
	e := sf.entry
	if e.shellForm || shell.IsShell(base(e.prog)) || strings.HasSuffix(e.prog, ".sh") || len(e.words) > 0 && shell.IsShell(base(e.words[0])) {
		return true
	}
	for _, n := range sf.nodes {
		if n.cmd != "HEALTHCHECK" {
			continue
		}
		args := n.n.Args()
		if len(args) >= 2 && strings.EqualFold(args[0].Value, "CMD") && !strings.HasPrefix(strings.TrimSpace(sf.f.Text[args[1].Range.Start:n.n.Range().End]), "[") {
			return true
		}
		for _, a := range args {
			if a.Value == "CMD-SHELL" {
				return true
			}
		}
	}
	return false
}

// healthTools are programs a HEALTHCHECK runs that the runtime must have.
func (sf *stageFacts) healthTools() []string {
	var out []string
	for _, n := range sf.nodes {
		if n.cmd != "HEALTHCHECK" {
			continue
		}
		for _, a := range n.n.Args() {
			for _, t := range []string{"curl", "wget"} {
				if base(a.Value) == t || strings.HasPrefix(a.Value, t+" ") {
					out = append(out, t)
				}
			}
		}
	}
	return out
}

// finishRuntime settles the runtime image: a distroless or other image
// without shell or package manager is swapped for shellImage when the image
// needs a shell, packages or a user; health-check tools are installed.
func (sf *stageFacts) finishRuntime(p *plan, shellImage string) {
	rt := p.rt
	pkgs, unknown := sf.runtimePackages(pkgFamily(sf.base.family), rt.has)
	tools := missing(sf.healthTools(), rt.has)
	_, needUser := sf.runtimeUser(rt)
	if (!rt.shell || rt.family == "") && shellImage != "" && (sf.needsShell() || len(pkgs) > 0 || len(unknown) > 0 || len(tools) > 0 || needUser) {
		p.rt = describeRuntime(shellImage)
		rt = p.rt
		tools = missing(sf.healthTools(), rt.has)
	}
	if len(tools) > 0 && rt.family != "" {
		p.runtimeSetup = append(p.runtimeSetup,
			commentOut("the HEALTHCHECK runs "+strings.Join(tools, " and "), sf.style.eol)+sf.style.eol,
			sf.style.installLine(rt.family, tools))
	}
}

func missing(want []string, has map[string]bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range want {
		if !has[w] && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// debianSlim is the slim Debian image of the build's suite.
func (sf *stageFacts) debianSlim() string {
	suite := sf.base.suite
	if suite == "" {
		suite = "bookworm"
	}
	if sf.base.family == "ubuntu" && sf.base.suite != "" {
		return "ubuntu:" + sf.base.suite
	}
	return "debian:" + suite + "-slim"
}

// alpineImage is the Alpine image of the build's Alpine version.
func (sf *stageFacts) alpineImage() string {
	if sf.base.alpine != "" {
		return "alpine:" + sf.base.alpine
	}
	return "alpine:3.20"
}

// distroless is a distroless image of the build's Debian release, or "" when
// there is none for it.
func (sf *stageFacts) distroless(flavour string) string {
	switch sf.base.suite {
	case "", "bookworm":
		return "gcr.io/distroless/" + flavour + "-debian12"
	case "trixie":
		return "gcr.io/distroless/" + flavour + "-debian13"
	}
	return ""
}

// keepVersionArgs writes a runtime reference with the global ARGs the base
// used: python:${PY}-slim when the base was python:${PY}.
func (sf *stageFacts) keepVersionArgs(ref string) string {
	if !strings.Contains(sf.base.raw, "$") {
		return ref
	}
	for _, m := range varRef().FindAllStringSubmatch(sf.base.raw, -1) {
		name := m[1] + m[2]
		for _, g := range sf.m.GlobalArgs {
			if g.Name != name || !g.HasValue {
				continue
			}
			v := unquote(g.Value)
			if len(v) < 2 && !strings.ContainsAny(v, "0123456789") {
				continue
			}
			if i := tokenIndex(ref, v); i >= 0 {
				ref = ref[:i] + "${" + name + "}" + ref[i+len(v):]
			}
		}
	}
	return ref
}

// tokenIndex finds v in s where it is not part of a longer version or word.
func tokenIndex(s, v string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], v)
		if i < 0 || v == "" {
			return -1
		}
		i += off
		before := i == 0 || strings.ContainsRune(":-/@", rune(s[i-1]))
		j := i + len(v)
		after := j == len(s) || strings.ContainsRune(":-/@", rune(s[j]))
		if before && after {
			return i
		}
		off = i + 1
	}
}
