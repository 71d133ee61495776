package rules

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// DevDependenciesInFinalStage reports npm, yarn, pnpm and bun installs in the
// final image that include the project's devDependencies: test runners,
// bundlers and type checkers shipped to production.
var DevDependenciesInFinalStage = &analysis.Analyzer{
	Name:     "DevDependenciesInFinalStage",
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
		pj, pjKnown := packageJSONAt(p, chain, n)
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
			if inst.tool == "npm" && npmBefore7(p) {
				inst.oldNpm = true
			}
			d := analysis.Diagnostic{
				Range:   cmdHead(c.Command, inst.sub, c.node.Offset),
				Message: fmt.Sprintf("`%s` installs devDependencies into the final image; install with `%s` here (and build in a separate stage when the build needs them)", inst, inst.prodForm()),
			}
			script, runsScript := startScript(p)
			switch {
			case pjKnown && len(pj.DevDependencies) == 0:
				continue // nothing to omit
			case pjKnown && runsScript && scriptNeedsDev(pj, script):
				continue // the program runs a script that needs them (a dev server)
			case !pjKnown && runsScript:
				// The script the image starts may need them; without
				// package.json nobody can tell, so no warning and no fix.
				d.Severity = analysis.Information
				d.Message = fmt.Sprintf("`%s` installs devDependencies into the final image; unless the `%s` script the image starts needs them, install with `%s` here", inst, script, inst.prodForm())
				p.Report(d)
				continue
			}
			if !buildsAfter(nodes[k:], cmds[i+1:]) {
				d.Fixes = []analysis.Fix{{
					Title: "Add " + inst.prodFlag(),
					Edits: []analysis.Edit{insertAfter(inst.sub.At(c.node.Offset), " "+inst.prodFlag())},
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
	oldNpm   bool // npm 6 or older ignores --omit=dev
}

func (n nodeInstall) prodFlag() string {
	switch {
	case n.tool == "npm" && !n.oldNpm:
		return "--omit=dev"
	case n.tool == "pnpm":
		return "--prod"
	}
	return "--production"
}

// npmBefore7 reports a node base image whose npm is 6 or older (node 14 and
// before), which ignores --omit=dev and wants --production.
func npmBefore7(p *analysis.Pass) bool {
	st := facts.Of(p.Model).Stage(p.Final())
	if st == nil {
		return false
	}
	root := st.Chain()[0].Base
	if images.ParseRef(root.Value).Repo != "node" {
		return false
	}
	major, err := strconv.Atoi(strings.SplitN(root.Image.Version, ".", 2)[0])
	return err == nil && major < 15
}

// packageJSONAt is the project's package.json where the RUN n of the
// chain runs: the one a COPY brought from the build context into its
// working folder.
func packageJSONAt(p *analysis.Pass, chain []*model.Stage, n syntax.Node) (*facts.PackageJSON, bool) {
	f := facts.Of(p.Model)
	for _, s := range chain {
		st := f.Stage(s)
		if step := st.StepAt(n.Offset); step != nil {
			pj, _, ok := st.PackageJSONAt(p.BuildContext, step.Workdir, n.Offset)
			return pj, ok
		}
	}
	return nil, false
}

// startScript is the package.json script the image's program runs: `npm
// start`, `npm run dev`, `yarn serve`, `pnpm start`.
func startScript(p *analysis.Pass) (string, bool) {
	st := facts.Of(p.Model).Stage(p.Final())
	if st == nil || !st.Program.Set {
		return "", false
	}
	name, args := path.Base(st.Program.Name), st.Program.Args
	var ops []string
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			ops = append(ops, a)
		}
	}
	if len(ops) == 0 || !facts.NodePackageManager(name) {
		return "", false
	}
	switch ops[0] {
	case "run", "run-script":
		if len(ops) > 1 {
			return ops[1], true
		}
		return "", false
	case "start", "test", "stop", "restart":
		return ops[0], true
	}
	if name == "npm" || facts.ProjectInstallSubcommand(name, ops[0]) || ops[0] == "exec" || ops[0] == "dlx" {
		return "", false
	}
	return ops[0], true // yarn dev, pnpm serve
}

// scriptNeedsDev reports whether a script's command names one of the
// devDependencies (webpack-dev-server, nodemon, ts-node...).
func scriptNeedsDev(pj *facts.PackageJSON, script string) bool {
	cmd, ok := pj.Scripts[script]
	if !ok && script == "start" {
		return false // npm start without a script runs `node server.js`
	}
	for dep := range pj.DevDependencies {
		if strings.Contains(cmd, path.Base(dep)) {
			return true
		}
	}
	return false
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
	p, ok := facts.ParsePackage(&c)
	if !ok || !facts.ProjectInstall(p) {
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
		if _, ok := facts.ReadBuild(facts.Command{Command: &c.Command, Offset: c.node.Offset}); ok {
			return true
		}
	}
	for _, n := range nodes[1:] {
		if n.Command() != "RUN" {
			continue
		}
		_, cmds := runCommands(n)
		for _, c := range cmds {
			if _, ok := facts.ReadBuild(facts.Command{Command: &c.Command, Offset: c.node.Offset}); ok {
				return true
			}
		}
	}
	return false
}
