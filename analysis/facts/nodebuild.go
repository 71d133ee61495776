package facts

import (
	"encoding/json"
	"path"
	"slices"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// What a Node build writes depends on the project: `npm run build` runs
// whatever the package.json says, and vite, next or tsc write where their
// configuration tells them. From the document alone the facts only guess
// (dist, build, .next, out, all Maybe). With the build context, the
// package.json the stage copied in and the tools' configuration files
// settle the guess, here and nowhere else.
//
// A settled list must hold every path the build may write: rules claim that
// anything else is absent. So every doubt leaves the guess in place: a
// script running a command this file does not know, a configuration file
// that mentions the setting that moves the output, a framework plugin that
// moves it on its own.

// ProducesIn is Produces, with the guessed outputs of Node builds replaced
// by what the build context's package.json and configuration files say
// they write, where they settle it. A nil ctx gives Produces.
func (s *Stage) ProducesIn(ctx *buildcontext.Context) []*File {
	if ctx == nil {
		return s.Produces()
	}
	var out []*File
	for _, c := range s.Chain() {
		out = append(out, c.filesIn(ctx)...)
	}
	return out
}

// filesIn is s.Files with the guessed outputs of Node builds settled by
// ctx. It returns s.Files itself when nothing is settled.
func (s *Stage) filesIn(ctx *buildcontext.Context) []*File {
	if ctx == nil || !slices.ContainsFunc(s.Files, guessedNodeOutput) {
		return s.Files
	}
	var out []*File
	settled := map[*Build]bool{}
	for i, f := range s.Files {
		b := f.Build
		if !guessedNodeOutput(f) {
			if out != nil {
				out = append(out, f)
			}
			continue
		}
		done, seen := settled[b]
		if !seen {
			outs, ok := s.nodeOutputsIn(b, ctx)
			settled[b], done = ok, ok
			if ok {
				if out == nil {
					out = append([]*File(nil), s.Files[:i]...)
				}
				for _, o := range outs {
					out = append(out, &File{Path: o.Path, Dir: o.Dir, Maybe: o.Maybe, Origin: Built, Node: f.Node, Build: b})
				}
			}
		}
		if !done && out != nil {
			out = append(out, f)
		}
	}
	if out == nil {
		return s.Files
	}
	return out
}

// guessedNodeOutput reports one of the guesses of a Node build.
func guessedNodeOutput(f *File) bool { return f.Maybe && f.Build != nil && f.Build.Ecosystem == Node }

// nodeOutputsIn settles what the Node build b of stage s writes, from the
// package.json the stage copied from ctx into the directory b runs in.
func (s *Stage) nodeOutputsIn(b *Build, ctx *buildcontext.Context) ([]Output, bool) {
	p, ok := s.packageJSONFor(b.Command, b.Node, ctx)
	if !ok {
		return nil, false
	}
	var rels []string
	if b.Script != "" {
		rels, ok = p.script(b.Script, 0)
	} else {
		rels, ok = p.command(*b.Command.Command, 0)
	}
	if !ok {
		return nil, false
	}
	outs := make([]Output, 0, len(rels))
	for _, r := range rels {
		outs = append(outs, Output{Path: Resolve(b.Command.Dir, r), Dir: true})
	}
	return outs, true
}

// packageJSONFor reads the package.json of the directory c runs in, in
// the RUN node of s: the one a COPY brought from the build context.
func (s *Stage) packageJSONFor(c Command, node syntax.Node, ctx *buildcontext.Context) (*nodeProject, bool) {
	for _, w := range c.Args() {
		flag, _, _ := strings.Cut(w.Value, "=")
		switch flag {
		case "--prefix", "--cwd", "-C", "--dir", "-w", "--workspace", "--workspaces", "--filter", "-F", "-r", "--recursive":
			return nil, false // another package's
		}
	}
	pj, at, ok := s.PackageJSONAt(ctx, c.Dir, node.Offset)
	if !ok {
		return nil, false
	}
	return &nodeProject{ctx: ctx, dir: path.Dir(at), pj: *pj}, true
}

// PackageJSONAt reads the package.json the stage holds in the folder dir
// (absolute) before the instruction at offset before, when a COPY brought
// it there from the build context ctx; at is its context path. ok is false
// without a complete context, or when the file came from elsewhere (a RUN,
// another stage) or not at all.
func (s *Stage) PackageJSONAt(ctx *buildcontext.Context, dir string, before int) (pj *PackageJSON, at string, ok bool) {
	if ctx == nil || !ctx.Complete || strings.Contains(dir, "$") {
		return nil, "", false
	}
	at, ok = s.contextFile(path.Join(dir, "package.json"), before, ctx)
	if !ok {
		return nil, "", false
	}
	data, err := ctx.ReadFile(at)
	if err != nil {
		return nil, "", false
	}
	pj = &PackageJSON{}
	if json.Unmarshal(data, pj) != nil {
		return nil, "", false
	}
	return pj, at, true
}

// contextFile is the context path of the file that the stage holds at p
// (absolute) before the instruction at offset before: the file the last
// COPY that can have put it there copies from the context. ok is false when
// something else (a RUN, another stage) may have put it there last, or
// nothing did.
func (s *Stage) contextFile(p string, before int, ctx *buildcontext.Context) (string, bool) {
	chain := s.Chain()
	for i := len(chain) - 1; i >= 0; i-- {
		st := chain[i]
		for j := len(st.Files) - 1; j >= 0; j-- {
			f := st.Files[j]
			if st == s && f.Node.Offset >= before {
				continue
			}
			c := f.Copy
			if c == nil || c.Source != FromContext || c.Parents || strings.ContainsAny(f.Source+c.Dest, "$") {
				if f.Covers(p) || under(p, f.Path) || strings.Contains(f.Path, "$") {
					return "", false
				}
				continue
			}
			for _, cand := range copyCandidates(c, f.Source, p) {
				if e, ok := ctx.Lookup(cand); ok && e.Sent && e.Kind == buildcontext.File {
					return buildcontext.Clean(cand), true
				}
			}
		}
	}
	return "", false
}

// copyCandidates are the context paths from which the COPY source src
// would have put p (absolute) into the stage: the path inside a copied
// folder, the file itself, or the match of a wildcard in the last element.
func copyCandidates(c *Copy, src, p string) []string {
	var cands []string
	from := func(dest string) {
		if under(p, dest) {
			cands = append(cands, path.Join(src, strings.TrimPrefix(p, strings.TrimSuffix(dest, "/"))))
		}
	}
	if strings.ContainsAny(src, "*?[") {
		if dir, pat := path.Split(src); !strings.ContainsAny(dir, "*?[") && path.Dir(p) == c.Dest {
			if ok, _ := path.Match(pat, path.Base(p)); ok {
				cands = append(cands, path.Join(dir, path.Base(p)))
			}
		}
		return cands
	}
	from(c.Dest) // a folder's content lands in the destination
	if c.IntoDir {
		from(c.Target(src)) // a file (or a folder) lands inside it under its name
	}
	return cands
}

// nodeProject is a package.json of the build context and its folder.
type nodeProject struct {
	ctx *buildcontext.Context
	dir string // context path of the folder
	pj  PackageJSON
}

// PackageJSON is what the engine reads of a Node project's package.json.
type PackageJSON struct {
	Scripts         map[string]string `json:"scripts"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	Targets         json.RawMessage   `json:"targets"` // parcel's output targets
}

func (p *nodeProject) depends(name string) bool {
	_, dep := p.pj.Dependencies[name]
	_, dev := p.pj.DevDependencies[name]
	return dep || dev
}

// script is what the package.json script name writes, relative to the
// project folder, with the pre and post scripts npm runs around it.
func (p *nodeProject) script(name string, depth int) ([]string, bool) {
	text, ok := p.pj.Scripts[name]
	if !ok || depth > 4 {
		return nil, false
	}
	var out []string
	for _, t := range []string{p.pj.Scripts["pre"+name], text, p.pj.Scripts["post"+name]} {
		if t == "" {
			continue
		}
		for _, c := range shell.ParseText(t).Commands {
			rels, ok := p.command(c, depth)
			if !ok {
				return nil, false
			}
			out = append(out, rels...)
		}
	}
	return out, true
}

// quietScriptTools write nothing a later stage could copy.
var quietScriptTools = map[string]bool{
	"rimraf": true, "rm": true, "del-cli": true, "echo": true, "true": true,
	"eslint": true, "prettier": true, "stylelint": true, "svelte-check": true,
}

// command is what one command of a script writes, relative to the project
// folder; ok is false when that is not known.
func (p *nodeProject) command(c shell.Command, depth int) ([]string, bool) {
	c = c.Unwrapped()
	if len(c.Words) == 0 {
		return nil, true
	}
	ws := c.Words
	name := c.Name()
	switch name {
	case "cross-env":
		i := 1
		for i < len(ws) && strings.Contains(ws[i].Value, "=") {
			i++
		}
		c.Words = ws[i:]
		return p.command(c, depth)
	case "npx", "bunx":
		c.Words = ws[1:]
		return p.command(c, depth)
	case "npm", "yarn", "pnpm", "bun":
		if len(ws) >= 3 && (ws[1].Value == "run" || ws[1].Value == "run-script") {
			return p.script(ws[2].Value, depth+1)
		}
		if len(ws) >= 2 && name != "npm" && name != "bun" {
			if _, ok := p.pj.Scripts[ws[1].Value]; ok {
				return p.script(ws[1].Value, depth+1) // yarn build
			}
			if name == "yarn" || ws[1].Value == "exec" {
				c.Words = ws[1:] // yarn vite build: a package's binary
				if ws[1].Value == "exec" {
					c.Words = ws[2:]
				}
				return p.command(c, depth)
			}
		}
		return nil, false
	}
	if quietScriptTools[name] {
		return nil, true
	}
	return p.tool(Command{Command: &c, Dir: "."})
}

// tool is what a Node build tool writes, relative to the project folder.
func (p *nodeProject) tool(c Command) ([]string, bool) {
	vals := c.Values()
	sub := at(vals, 0)
	outDir := func(flags ...string) (string, bool) { return c.Option(flags...) }
	switch c.Name() {
	case "vite":
		if sub != "build" || c.Has("-c", "--config") {
			return nil, false
		}
		if o, ok := outDir("--outDir"); ok {
			return []string{o}, true
		}
		// The frameworks built on vite (SvelteKit, Remix, React Router,
		// Laravel...) write elsewhere.
		for _, fw := range []string{"@sveltejs/kit", "@remix-run/dev", "@react-router/dev", "laravel-vite-plugin", "vike", "@analogjs/platform", "vinxi", "@tanstack/start", "@builder.io/qwik-city", "astro", "nuxt"} {
			if p.depends(fw) {
				return nil, false
			}
		}
		return p.configured([]string{"dist"}, "vite.config", "outDir")
	case "next":
		switch sub {
		case "build":
			// A static export (`output: 'export'`) also writes out.
			if p.mentionsConfig("next.config", "export") {
				return p.configured([]string{".next", "out"}, "next.config", "distDir")
			}
			return p.configured([]string{".next"}, "next.config", "distDir")
		case "export":
			if o, ok := outDir("-o", "--outdir"); ok {
				return []string{o}, true
			}
			return []string{"out"}, true
		}
	case "react-scripts":
		if sub != "build" {
			return nil, false
		}
		if _, ok := c.Assigned("BUILD_PATH"); ok || p.mentions("BUILD_PATH", ".env", ".env.production", ".env.local", ".env.production.local") {
			return nil, false
		}
		return []string{"build"}, true
	case "tsc", "vue-tsc":
		return p.tsc(c)
	case "ng":
		if sub == "build" && !c.Has("--output-path") {
			return p.angular()
		}
	case "webpack":
		if o, ok := outDir("--output-path", "-o"); ok {
			return []string{o}, true
		}
		if !c.Has("serve", "s", "watch", "w", "--watch", "info", "configtest", "init", "help", "version") {
			return p.configured([]string{"dist"}, "webpack.config") // a configuration sets output.path as a rule
		}
	case "parcel":
		if sub == "build" && len(p.pj.Targets) == 0 {
			if o, ok := outDir("--dist-dir"); ok {
				return []string{o}, true
			}
			return []string{"dist"}, true
		}
	case "remix":
		switch sub {
		case "build":
			return p.configured([]string{"build", "public/build"}, "remix.config", "BuildDirectory", "serverBuildPath")
		case "vite:build":
			return p.configured([]string{"build"}, "vite.config", "buildDirectory", "outDir")
		}
	case "astro":
		if sub == "build" {
			return p.configured([]string{"dist"}, "astro.config", "outDir")
		}
	case "nuxt", "nuxi":
		switch sub {
		case "build":
			return p.configured([]string{".output"}, "nuxt.config", "output")
		case "generate":
			return p.configured([]string{".output", "dist"}, "nuxt.config", "output")
		}
	case "vue-cli-service":
		if sub == "build" {
			if o, ok := outDir("--dest"); ok {
				return []string{o}, true
			}
			return p.configured([]string{"dist"}, "vue.config", "outputDir")
		}
	}
	return nil, false
}

// configExts are the extensions a tool's JavaScript or TypeScript
// configuration file may have.
var configExts = []string{".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"}

// configured returns outs unless the tool's configuration file (base plus
// one of configExts, in the project folder) may move them: it mentions one
// of keys, or, with no keys, exists at all.
func (p *nodeProject) configured(outs []string, base string, keys ...string) ([]string, bool) {
	if len(keys) == 0 {
		keys = []string{""} // any text
	}
	for _, k := range keys {
		if p.mentionsConfig(base, k) {
			return nil, false
		}
	}
	return outs, true
}

// mentionsConfig reports whether the tool's configuration file (base plus
// one of configExts) holds word.
func (p *nodeProject) mentionsConfig(base, word string) bool {
	names := make([]string, len(configExts))
	for i, ext := range configExts {
		names[i] = base + ext
	}
	return p.mentions(word, names...)
}

// mentions reports whether one of the project's files names holds word (or
// cannot be read).
func (p *nodeProject) mentions(word string, names ...string) bool {
	for _, n := range names {
		rel := path.Join(p.dir, n)
		if _, ok := p.ctx.Lookup(rel); !ok {
			continue
		}
		if data, err := p.ctx.ReadFile(rel); err != nil || strings.Contains(string(data), word) {
			return true
		}
	}
	return false
}

// tsc is where the TypeScript compiler writes: the outDir of the
// configuration it reads (and, with --build, of the projects it
// references), nothing with noEmit.
func (p *nodeProject) tsc(c Command) ([]string, bool) {
	if c.Has("--noEmit") {
		return nil, true
	}
	if o, ok := c.Option("--outDir"); ok {
		return []string{o}, true
	}
	config := "tsconfig.json"
	if v, ok := c.Option("-p", "--project"); ok {
		config = v
	}
	build := c.Has("-b", "--build")
	if build {
		if v := at(c.Values(), 0); v != "" {
			config = v
		}
	}
	return p.tsconfig(path.Join(p.dir, config), build, 0)
}

// tsconfig reads one TypeScript configuration (a file, or a folder holding
// tsconfig.json), context path rel, for tsc.
func (p *nodeProject) tsconfig(rel string, build bool, depth int) ([]string, bool) {
	if e, ok := p.ctx.Lookup(rel); ok && e.Kind == buildcontext.Dir {
		rel = path.Join(rel, "tsconfig.json")
	}
	data, err := p.ctx.ReadFile(rel)
	if err != nil || depth > 4 {
		return nil, false
	}
	var cfg struct {
		Extends         json.RawMessage `json:"extends"`
		CompilerOptions struct {
			NoEmit bool   `json:"noEmit"`
			OutDir string `json:"outDir"`
		} `json:"compilerOptions"`
		References []struct {
			Path string `json:"path"`
		} `json:"references"`
	}
	if json.Unmarshal(stripJSONC(data), &cfg) != nil {
		return nil, false
	}
	var out []string
	switch o := cfg.CompilerOptions; {
	case o.NoEmit:
	case o.OutDir != "":
		out = append(out, path.Join(path.Dir(rel), o.OutDir))
	case len(cfg.Extends) > 0:
		return nil, false // the base configuration may set outDir
	case !build || len(cfg.References) == 0:
		return nil, false // JavaScript beside every source
	}
	if build {
		for _, r := range cfg.References {
			more, ok := p.tsconfig(path.Join(path.Dir(rel), r.Path), true, depth+1)
			if !ok {
				return nil, false
			}
			out = append(out, more...)
		}
	}
	for i, o := range out { // relative to the project folder
		switch {
		case p.dir == ".":
		case strings.HasPrefix(o, p.dir+"/"):
			o = o[len(p.dir)+1:]
		default:
			return nil, false // outside the project
		}
		if o == "." || o == ".." || strings.HasPrefix(o, "../") {
			return nil, false
		}
		out[i] = o
	}
	return out, true
}

// angular is where `ng build` writes: the outputPath of each project of
// angular.json, dist/<project> when it is not set.
func (p *nodeProject) angular() ([]string, bool) {
	data, err := p.ctx.ReadFile(path.Join(p.dir, "angular.json"))
	if err != nil {
		return nil, false
	}
	var cfg struct {
		Projects map[string]struct {
			Architect map[string]struct {
				Options struct {
					OutputPath json.RawMessage `json:"outputPath"`
				} `json:"options"`
			} `json:"architect"`
		} `json:"projects"`
	}
	if json.Unmarshal(stripJSONC(data), &cfg) != nil || len(cfg.Projects) == 0 {
		return nil, false
	}
	var out []string
	for name, proj := range cfg.Projects {
		build, ok := proj.Architect["build"]
		if !ok {
			continue
		}
		var s string
		var obj struct {
			Base string `json:"base"`
		}
		switch raw := build.Options.OutputPath; {
		case len(raw) == 0:
			s = "dist/" + name
		case json.Unmarshal(raw, &s) == nil:
		case json.Unmarshal(raw, &obj) == nil && obj.Base != "":
			s = obj.Base
		default:
			return nil, false
		}
		out = append(out, s)
	}
	return out, len(out) > 0
}

// stripJSONC turns the JSON with comments and trailing commas that
// tsconfig.json and angular.json allow into JSON.
func stripJSONC(data []byte) []byte {
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			j := i + 1
			for j < len(data) && data[j] != '"' {
				if data[j] == '\\' {
					j++
				}
				j++
			}
			end := min(j+1, len(data))
			out = append(out, data[i:end]...)
			i = end - 1
		case c == '/' && i+1 < len(data) && data[i+1] == '/':
			for i < len(data) && data[i] != '\n' {
				i++
			}
			i--
		case c == '/' && i+1 < len(data) && data[i+1] == '*':
			end := strings.Index(string(data[i+2:]), "*/")
			if end < 0 {
				return out
			}
			i += end + 3
		case c == ']' || c == '}':
			k := len(out) - 1
			for k >= 0 && strings.IndexByte(" \t\r\n", out[k]) >= 0 {
				k--
			}
			if k >= 0 && out[k] == ',' {
				out = append(out[:k], out[k+1:]...)
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

// nodeProjectStep reports a Node build or an install of a Node project's
// dependencies: commands that may write anywhere in their directory unless
// the project's package.json says otherwise (see nodeStepWrites).
func nodeProjectStep(c Command) bool {
	if b, ok := ReadBuild(c); ok {
		return b.Ecosystem == Node
	}
	p, ok := ParsePackage(c.Command)
	return ok && ProjectInstall(p)
}

// nodeInstallScripts are the package.json scripts npm, yarn and pnpm run
// on an install of the project's dependencies.
var nodeInstallScripts = []string{"preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare"}

// nodeInstallWrites are what an install writes in the project besides
// its lockfile (nodeLockfiles): node_modules, Bun's text lockfile and
// Yarn's Plug'n'Play files.
var nodeInstallWrites = []string{"node_modules", "bun.lock", ".yarn", ".pnp.cjs", ".pnp.loader.mjs"}

// nodeStepWrites is what the Node build or install c, in the RUN node of
// s, writes in its directory as the build context settles it: a build its
// outputs (recorded as files already) and its caches in node_modules; an
// install without lifecycle scripts of the project, node_modules and the
// lockfiles.
func (s *Stage) nodeStepWrites(c Command, node syntax.Node, ctx *buildcontext.Context) ([]string, bool) {
	if b, ok := ReadBuild(c); ok {
		b.Node = node
		if _, settled := s.nodeOutputsIn(b, ctx); settled {
			return []string{path.Join(c.Dir, "node_modules")}, true
		}
		return nil, false
	}
	pj, ok := s.packageJSONFor(c, node, ctx)
	if !ok {
		return nil, false
	}
	for _, name := range nodeInstallScripts {
		if _, runs := pj.pj.Scripts[name]; runs {
			return nil, false
		}
	}
	var out []string
	for _, n := range nodeInstallWrites {
		out = append(out, path.Join(c.Dir, n))
	}
	for _, n := range nodeLockfiles {
		out = append(out, path.Join(c.Dir, n))
	}
	return out, true
}
