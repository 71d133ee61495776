package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// BuildToolsInFinalStage reports compilers and build tools installed with
// apt, apk, dnf or yum in the final image and not removed in the same RUN.
var BuildToolsInFinalStage = &analysis.Analyzer{
	Name:     "BuildToolsInFinalStage",
	Severity: analysis.Warning,
	Run:      runBuildToolsInFinalStage,
}

func runBuildToolsInFinalStage(p *analysis.Pass) {
	chain := finalImage(p)
	// A base image meant to be extended (CMD ["python3"]) offers headers
	// and compilers on purpose, as the official full images do; a final
	// stage that copies a build stage's result is an application image even
	// without a CMD.
	if !applicationImage(p) || runsSomething(p) && interactiveDefault(p, chain) {
		return
	}
	nodes := body(chain)
	workload := workloadTools(p, nodes)
	for k, n := range nodes {
		if n.Command() != "RUN" {
			continue
		}
		// Compilers that nothing in the file builds with are there for the
		// program: a benchmark or a kernel module compiled at run time. Not
		// so in an image that runs nothing or runs what a build stage made.
		usedToBuild := !runsSomething(p) || copiesFromOtherStage(p.Model, chain) || buildsFrom(p, nodes[k:])
		_, cmds := runCommands(n)
		rm := runFacts(p, n).Cleanup
		for _, c := range cmds {
			pc, ok := facts.ParsePackage(&c.Command)
			if !ok || !systemPackages(pc) {
				continue
			}
			var tools []string
			var first syntax.Range
			strong := false
			if !usedToBuild && installsCompiler(pc) {
				continue // a toolchain for run time: its headers go with it
			}
			for _, w := range pc.Names {
				name := facts.PackageName(pc.Manager, w.Value)
				kind := facts.BuildPackageKind(name)
				if kind == facts.NotBuildPackage || rm.Removes(pc, name) || slices.Contains(tools, name) || workload[name] || workload[""] {
					continue
				}
				if len(tools) == 0 {
					first = w.At(c.node.Offset)
				}
				tools = append(tools, name)
				strong = strong || kind == facts.CompilerPackage
			}
			if pc.Sub.Value == "groupinstall" && strings.Contains(strings.ToLower(joinValues(pc.Names)), "development tools") {
				tools, first, strong = []string{"Development Tools"}, pc.Names[0].At(c.node.Offset), true
			}
			if len(tools) == 0 {
				continue
			}
			d := analysis.Diagnostic{
				Range: first,
				Message: fmt.Sprintf("build tools in the final image: %s %s installed here and never removed; "+
					"install %s in a build stage and copy only the result, or remove %s in this same RUN", strings.Join(tools, ", "), isAre(len(tools)), itThem(len(tools)), itThem(len(tools))),
			}
			if !strong {
				// Headers and git are sometimes what the app uses at run time
				// (a tool that runs git, a -dev package pulled in for its
				// library): worth a look, not a warning.
				d.Severity = analysis.Information
				d.Message = fmt.Sprintf("build-time packages in the final image: %s; unless the application uses %s at run time, "+
					"install %s in a build stage (for a -dev package, install its runtime library instead)", strings.Join(tools, ", "), itThem(len(tools)), itThem(len(tools)))
			}
			p.Report(d)
		}
	}
}

// workloadTools are the packages that the image's own program uses, so they
// are no bloat: git in a git server (git-shell, git daemon, sshd serving
// git), every compiler (key "") in a distcc/icecream build farm or an image
// that builds kernel modules at run time (dkms, kmod).
func workloadTools(p *analysis.Pass, nodes []syntax.Node) map[string]bool {
	out := map[string]bool{}
	prog, args, _ := entrypoint(p)
	if prog == "git-daemon" || prog == "git" && slices.Contains(args, "daemon") || prog == "sshd" {
		out["git"] = true
	}
	for _, n := range nodes {
		if n.Command() != "RUN" {
			continue
		}
		if strings.Contains(n.Text(), "git-shell") {
			out["git"] = true
		}
	}
	if final := p.Final(); final != nil && facts.Of(p.Model).Stage(final).CompilesAtRunTime() {
		out[""] = true
	}
	return out
}

// buildsFrom reports whether a RUN among nodes builds something: a build
// step, or a language package install that may compile native extensions
// (pip, npm, gem, cargo, go).
func buildsFrom(p *analysis.Pass, nodes []syntax.Node) bool {
	for _, n := range nodes {
		if n.Command() != "RUN" {
			continue
		}
		r := runFacts(p, n)
		if len(r.Builds) > 0 || !r.Understood() {
			return true
		}
		for _, pc := range r.Packages {
			if pc.Op == facts.OpInstall && !systemPackages(pc) {
				return true
			}
		}
	}
	return false
}

// installsCompiler reports whether a package install names a compiler.
func installsCompiler(pc *facts.Package) bool {
	for _, name := range pc.PackageNames() {
		if facts.BuildPackageKind(name) == facts.CompilerPackage {
			return true
		}
	}
	return false
}

func joinValues(ws []shell.Word) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.Value)
	}
	return b.String()
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func itThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
