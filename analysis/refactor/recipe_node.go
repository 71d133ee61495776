package refactor

import "strings"

// nodeInstall recognises a dependency install and returns the package manager.
func nodeInstall(c cmdAt) (string, bool) {
	vals := c.Values()
	switch c.Name() {
	case "npm":
		if len(vals) > 0 && (vals[0] == "ci" || vals[0] == "install" || vals[0] == "i") && !globalInstall(c) && len(vals) == 1 {
			return "npm", true
		}
	case "yarn":
		if len(vals) == 0 || vals[0] == "install" {
			return "yarn", true
		}
	case "pnpm", "bun":
		if len(vals) > 0 && (vals[0] == "install" || vals[0] == "i") && len(vals) == 1 {
			return c.Name(), true
		}
	}
	return "", false
}

func globalInstall(c cmdAt) bool {
	return c.Has("-g", "--global") || c.Name() == "yarn" && c.Has("global")
}

// planNode: a front-end build whose output is static → nginx (Alpine) serving
// the build directory; a server → node:<same version>-slim with production
// dependencies only.
func planNode(sf *stageFacts) (*plan, bool) {
	pm := ""
	var lastStep *bodyNode
	built := false
	for _, c := range sf.commands() {
		if m, ok := nodeInstall(c); ok {
			if pm == "" {
				pm = m
			}
			if !built {
				lastStep = c.node
			}
		}
		if buildEcosystem(c) == "node" {
			built = true
			lastStep = c.node
		}
	}
	if lastStep == nil || !sf.nodeBase() {
		return nil, false
	}
	if pm == "" {
		pm = "npm"
	}
	if dir, single, ok := sf.staticServer(); ok && built {
		return sf.planNodeStatic(dir, single), true
	}
	if !built && !sf.heavyBase() {
		return nil, false // installing dependencies on a slim image builds nothing
	}
	prog := base(sf.entry.prog)
	if prog != "node" && prog != "npm" && prog != "yarn" && prog != "pnpm" && prog != "npx" && prog != "bun" && !sf.globalTool(prog) {
		return nil, false
	}
	p := &plan{recipe: "node-server", what: "Node.js server"}
	wd := sf.finalWorkdir()
	if wd == "/" {
		return nil, false // the application is spread over the root: nothing sane to copy
	}
	switch pm {
	case "npm":
		p.after(lastStep.i, sf.style.line("RUN", "npm prune --omit=dev"))
	case "yarn":
		p.after(lastStep.i, sf.style.line("RUN", "yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline"))
	case "pnpm":
		p.after(lastStep.i, sf.style.line("RUN", "pnpm prune --prod"))
	case "bun":
		p.after(lastStep.i, sf.style.line("RUN", "bun install --production"))
	}
	p.copies = append(p.copies, copyLine{src: wd, dst: wd,
		comment: "the application with production dependencies only (pruned in the build stage)"})
	// Global tools the server runs with (npm install -g pm2) are installed again.
	for _, n := range sf.nodes {
		if n.cmd == "RUN" && len(n.cmds) > 0 && onlyGlobalInstalls(n) {
			p.runtimeSetup = append(p.runtimeSetup, linesText(sf.f.Text, n.n.Range(), sf.style.eol)+sf.style.eol)
		}
	}
	// pnpm (and Yarn 2+) come from corepack, which the runtime enables too.
	if prog == "pnpm" || prog == "yarn" && sf.usesCorepack() {
		line := "corepack enable"
		for _, c := range sf.commands() {
			if c.Name() == "npm" && globalInstall(c) && strings.Contains(strings.Join(c.Values(), " "), "corepack") {
				line = wordsText(c) + " && " + line
				break
			}
		}
		p.runtimeSetup = append(p.runtimeSetup, sf.style.line("RUN", line))
	}
	p.rt = describeRuntime(sf.slimOf())
	sf.finishRuntime(p, "")
	return p, true
}

// usesCorepack reports whether the build enables corepack.
func (sf *stageFacts) usesCorepack() bool {
	for _, c := range sf.commands() {
		if c.Name() == "corepack" {
			return true
		}
	}
	return false
}

// wordsText is a command's words joined by spaces (quotes removed, so only
// for simple words).
func wordsText(c cmdAt) string {
	var ws []string
	for _, w := range c.Words {
		ws = append(ws, w.Value)
	}
	return strings.Join(ws, " ")
}

// nodeBase reports whether the base is a Node.js image.
func (sf *stageFacts) nodeBase() bool {
	repo := sf.base.ref.Repo
	return repo == "node" || strings.HasSuffix(repo, "/node") || sf.base.known && sf.base.match.Image.Ecosystem == "node"
}

// slimOf is the slim variant of a full language image, with the same
// version (and the same ARG when the version is one); the base itself when
// it is slim already or unknown.
func (sf *stageFacts) slimOf() string {
	if sf.base.known {
		if tag, ok := sf.base.match.SlimTag(); ok {
			return sf.keepVersionArgs(sf.base.ref.Repo + ":" + tag)
		}
		if rts := sf.base.match.Runtimes(); len(rts) > 0 {
			return sf.keepVersionArgs(rts[0])
		}
	}
	return sf.base.raw
}

// staticServer recognises an image that only serves files: `serve -s build`,
// `http-server dist`, `npx serve`. It returns the directory served and
// whether unknown paths fall back to index.html (a single-page app).
func (sf *stageFacts) staticServer() (string, bool, bool) {
	words := append([]string{sf.entry.prog}, sf.entry.progArgs...)
	if base(words[0]) == "npx" && len(words) > 1 {
		words = words[1:]
		for len(words) > 1 && strings.HasPrefix(words[0], "-") {
			words = words[1:]
		}
	}
	prog := base(words[0])
	if !staticServers[prog] || prog == "nginx" {
		return "", false, false
	}
	dir, single := "", false
	valued := map[string]bool{"-p": true, "-l": true, "--listen": true, "--port": true, "-a": true, "-c": true, "--config": true}
	for i := 1; i < len(words); i++ {
		w := words[i]
		switch {
		case w == "-s" || w == "--single":
			single = true
		case valued[w]:
			i++
		case strings.HasPrefix(w, "-"):
		case dir == "":
			dir = w
		}
	}
	return dir, single, true
}

// globalTool reports whether prog is installed by `npm install -g`.
func (sf *stageFacts) globalTool(prog string) bool {
	for _, c := range sf.commands() {
		if c.Name() == "npm" && globalInstall(c) {
			for _, v := range c.Values()[1:] {
				if i := strings.LastIndexByte(v, '@'); i > 0 {
					v = v[:i] // pm2@5
				}
				// A package's programs carry its name: pm2 gives pm2-runtime.
				if v != "" && (prog == v || strings.HasPrefix(prog, v+"-")) {
					return true
				}
			}
		}
	}
	return false
}

func onlyGlobalInstalls(n *bodyNode) bool {
	for _, c := range n.cmds {
		vals := c.Values()
		if !(c.Name() == "npm" && len(vals) > 0 && (vals[0] == "install" || vals[0] == "i") && globalInstall(c)) {
			return false
		}
	}
	return true
}

// planNodeStatic serves the build output from nginx.
func (sf *stageFacts) planNodeStatic(dir string, single bool) *plan {
	p := &plan{recipe: "node-static", what: "static site", noDupEnv: true, noPackages: true, noUser: true, workdir: "-"}
	p.rt = describeRuntime("nginx:1.28-alpine") // a version: a floating tag would be unpinned
	wd := sf.finalWorkdir()
	if dir == "" {
		// The server serves its working directory: where the build wrote
		// its files is not written anywhere.
		p.copies = append(p.copies, copyLine{src: sf.resolve(wd, "dist"), dst: "/usr/share/nginx/html", placeholder: true,
			comment: "TODO(dockerfile-lsp): the directory the build writes its files to, served by nginx"})
		dir = "the build output"
	} else {
		p.copies = append(p.copies, copyLine{src: sf.resolve(wd, dir), dst: "/usr/share/nginx/html",
			comment: "the files the build wrote, served by nginx"})
	}
	if single {
		p.runtimeSetup = append(p.runtimeSetup,
			commentOut("a single-page app: unknown paths get index.html, as `serve -s` did", sf.style.eol)+sf.style.eol,
			sf.style.line("RUN", `printf 'server {\n  listen 80;\n  root /usr/share/nginx/html;\n  location / {\n    try_files $uri $uri/ /index.html;\n  }\n}\n' > /etc/nginx/conf.d/default.conf`))
	}
	for _, n := range sf.entry.nodes {
		p.dropNode(n.i, "replaced by nginx, which serves "+dir+" itself")
	}
	exposed80 := false
	for _, n := range sf.nodes {
		switch {
		case n.cmd == "EXPOSE":
			port := ""
			if args := n.n.Args(); len(args) == 1 {
				port = strings.TrimSuffix(args[0].Value, "/tcp")
			}
			if port == "80" {
				exposed80 = true
			} else {
				p.dropNode(n.i, "replaced by EXPOSE 80: nginx listens on port 80")
			}
		case n.cmd == "RUN" && len(n.cmds) > 0 && onlyGlobalInstalls(n):
			p.dropNode(n.i, "not needed with nginx, which serves the files itself")
		case n.cmd == "ENV" && n.i > sf.boundary:
			// Settings for the Node.js process do not apply to nginx.
			p.dropNode(n.i, "a setting of the Node.js server, which nginx does not read")
		case n.cmd == "HEALTHCHECK":
		}
	}
	if !exposed80 {
		p.afterCopies = append(p.afterCopies, sf.style.line("EXPOSE", "80"))
	}
	return p
}
