package rules

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// DevDependenciesInFinalStage reports npm, yarn, pnpm and bun installs in the
// final image that include the project's devDependencies: test runners,
// bundlers and type checkers shipped to production.
var DevDependenciesInFinalStage = &analysis.Analyzer{
	Name:     "DevDependenciesInFinalStage",
	Doc:      "npm/yarn/pnpm installs in the final image that include devDependencies ship test, build and lint tools to production.",
	Severity: analysis.Warning,
	Run:      runDevDependenciesInFinalStage,
}

func runDevDependenciesInFinalStage(p *analysis.Pass) {
	chain := finalImage(p)
	if !applicationImage(p) || !runsSomething(p) {
		return
	}
	nodes := body(chain)
	for k, n := range nodes {
		if n.Command() != "RUN" {
			continue
		}
		_, cmds := runCommands(n)
		for i, c := range cmds {
			inst, ok := parseNodeInstall(c.Command)
			if !ok || inst.prodOnly {
				continue
			}
			if env, _ := nodeEnv(chain, n, cmds, i); env == "production" {
				continue
			}
			if prunedLater(nodes[k:], cmds[i+1:]) {
				continue
			}
			d := analysis.Diagnostic{
				Range:   cmdHead(c.Command, inst.sub),
				Message: fmt.Sprintf("`%s` installs devDependencies into the final image; install with `%s` here (and build in a separate stage when the build needs them)", inst, inst.prodForm()),
			}
			if !buildsAfter(nodes[k:], cmds[i+1:]) {
				d.Fixes = []analysis.Fix{{
					Title: "Add " + inst.prodFlag(),
					Edits: []analysis.Edit{insertAfter(inst.sub, " "+inst.prodFlag())},
				}}
			}
			p.Report(d)
		}
	}
}

// nodeInstall is an npm/yarn/pnpm/bun install of the project's dependencies.
type nodeInstall struct {
	tool     string
	sub      shell.Word
	prodOnly bool
}

func (n nodeInstall) prodFlag() string {
	switch n.tool {
	case "npm":
		return "--omit=dev"
	case "pnpm":
		return "--prod"
	}
	return "--production"
}

func (n nodeInstall) prodForm() string { return n.String() + " " + n.prodFlag() }

// String is the command as written: `npm ci`, or a bare `yarn`.
func (n nodeInstall) String() string {
	if n.sub.Value == n.tool {
		return n.tool
	}
	return n.tool + " " + n.sub.Value
}

// parseNodeInstall recognises `npm ci`, `npm install` (no package names),
// `yarn`, `yarn install`, `pnpm install` and `bun install`, from the facts
// layer's reading of the command.
func parseNodeInstall(c shell.Command) (nodeInstall, bool) {
	p, ok := facts.ParsePackage(c)
	if !ok || p.Manager != facts.Npm || p.Op != facts.OpInstall || p.Global || len(p.Names) > 0 ||
		p.HasOption("--version", "-v", "-V", "--help", "-h", "--info") || !projectInstall[p.Tool][p.Sub.Value] {
		return nodeInstall{}, false
	}
	inst := nodeInstall{tool: p.Tool, sub: p.Sub}
	if p.Sub.Value == "" {
		inst.sub = c.Words[0] // a bare `yarn` installs; the fix goes after the program name
	}
	for _, o := range p.Options {
		switch o.Value {
		case "--production", "--prod", "-P", "--omit=dev", "--only=prod", "--only=production", "--production=true":
			inst.prodOnly = true
		}
	}
	for i, w := range c.Words { // `npm install --omit dev`
		if w.Value == "--omit" && i+1 < len(c.Words) && c.Words[i+1].Value == "dev" {
			inst.prodOnly = true
		}
	}
	return inst, true
}

// projectInstall are the subcommands that install a project's own
// dependencies, per tool ("" for a bare `yarn`).
var projectInstall = map[string]map[string]bool{
	"npm":  {"ci": true, "install": true, "i": true},
	"yarn": {"": true, "install": true},
	"pnpm": {"install": true, "i": true},
	"bun":  {"install": true, "i": true},
}

// nodeEnv is NODE_ENV as the install sees it.
func nodeEnv(chain []*model.Stage, n syntax.Node, cmds []runCmd, i int) (string, bool) {
	if v, ok := assignedInRun(cmds, i, "NODE_ENV"); ok {
		return v, true
	}
	if v, ok := assignedInRun(cmds, i, "NPM_CONFIG_PRODUCTION"); ok && v == "true" {
		return "production", true
	}
	if v, ok := envValue(chain, n.Offset, "NODE_ENV"); ok {
		return strings.Trim(v, `"'`), true
	}
	if v, ok := envValue(chain, n.Offset, "NPM_CONFIG_PRODUCTION"); ok && strings.Trim(v, `"'`) == "true" {
		return "production", true
	}
	return "", false
}

// prunedLater reports whether the devDependencies are removed afterwards
// (`npm prune --production`, `rm -rf node_modules`) in the same RUN or a later
// one of the final image.
func prunedLater(nodes []syntax.Node, rest []runCmd) bool {
	check := func(cmds []runCmd) bool {
		for _, c := range cmds {
			switch c.Name() {
			case "npm", "pnpm":
				if len(c.Words) > 1 && c.Words[1].Value == "prune" {
					return true
				}
			case "rm":
				for _, w := range c.Words[1:] {
					if strings.HasSuffix(strings.TrimSuffix(w.Value, "/"), "node_modules") {
						return true
					}
				}
			}
			if inst, ok := parseNodeInstall(c.Command); ok && inst.prodOnly {
				return true
			}
		}
		return false
	}
	if check(rest) {
		return true
	}
	for _, n := range nodes[1:] {
		if n.Command() == "RUN" {
			if _, cmds := runCommands(n); check(cmds) {
				return true
			}
		}
	}
	return false
}

// buildsAfter reports whether the install is followed by a build that would
// need the devDependencies, so that omitting them is no mechanical fix.
func buildsAfter(nodes []syntax.Node, rest []runCmd) bool {
	for _, c := range rest {
		if _, ok := facts.ReadBuild(facts.Command{Command: c.Command}); ok {
			return true
		}
	}
	for _, n := range nodes[1:] {
		if n.Command() != "RUN" {
			continue
		}
		_, cmds := runCommands(n)
		for _, c := range cmds {
			if _, ok := facts.ReadBuild(facts.Command{Command: c.Command}); ok {
				return true
			}
		}
	}
	return false
}
