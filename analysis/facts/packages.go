package facts

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Manager is a family of package managers that share a package namespace.
type Manager string

const (
	Apt    Manager = "apt"    // apt-get, apt, aptitude
	Apk    Manager = "apk"    // apk
	Dnf    Manager = "dnf"    // dnf, yum, microdnf, tdnf
	Zypper Manager = "zypper" // zypper
	Pip    Manager = "pip"    // pip, python -m pip, uv, poetry, pipenv
	Npm    Manager = "npm"    // npm, yarn, pnpm, bun
	Gem    Manager = "gem"    // gem, bundle
	Cargo  Manager = "cargo"  // cargo install
	GoMod  Manager = "go"     // go install, go get
)

// Op is what a package-manager call does to the installed set.
type Op int

const (
	OpOther   Op = iota // update, upgrade, clean, search...
	OpInstall           // install, add
	OpRemove            // remove, purge, del, uninstall
)

// Package is one package-manager call.
type Package struct {
	Manager Manager
	// Tool is the program as invoked, normalised: "apt-get", "yum", "pip"
	// (also for pip3 and python -m pip), "uv", "yarn", "bundle"...
	Tool    string
	Op      Op
	Sub     shell.Word   // the subcommand word: install, add, del...
	Options []shell.Word // every option word, before and after Sub
	Names   []shell.Word // the package operands, as written
	// Virtual is the group name of `apk add --virtual NAME` (or -t NAME).
	Virtual string
	// Global: npm -g, yarn global: installed outside the project.
	Global bool
	// Computed: an operand is a substitution (`$(...)`, backquotes) or a
	// variable, so the list is only known at build time.
	Computed bool
	// Removed: installed here and removed again by the same RUN (by name,
	// by virtual group, by auto-removal or by a computed purge).
	Removed bool
	Command Command
	Node    syntax.Node
}

// HasOption reports whether one of the option words is one of names (or
// name=value).
func (p *Package) HasOption(names ...string) bool {
	for _, o := range p.Options {
		for _, n := range names {
			if o.Value == n || strings.HasPrefix(o.Value, n+"=") {
				return true
			}
		}
	}
	return false
}

// PackageNames are the operand names without version pins, extras or
// architecture: gcc=4:12 → gcc, requests[socks]>=2 → requests,
// @types/node@20 → @types/node.
func (p *Package) PackageNames() []string {
	out := make([]string, 0, len(p.Names))
	for _, w := range p.Names {
		out = append(out, PackageName(p.Manager, w.Value))
	}
	return out
}

// PackageName strips a version pin, extras and architecture from an operand.
func PackageName(m Manager, v string) string {
	switch m {
	case Npm, GoMod:
		if i := strings.LastIndexByte(v, '@'); i > 0 {
			v = v[:i]
		}
		return v
	case Pip:
		if i := strings.IndexAny(v, "[=<>!~; "); i > 0 {
			v = v[:i]
		}
		return v
	}
	if i := strings.IndexAny(v, "=~<>"); i > 0 {
		v = v[:i]
	}
	if i := strings.IndexByte(v, ':'); i > 0 {
		v = v[:i]
	}
	return v
}

// tools maps a program to its manager.
var tools = map[string]Manager{
	"apt-get": Apt, "apt": Apt, "aptitude": Apt,
	"apk": Apk,
	"dnf": Dnf, "yum": Dnf, "microdnf": Dnf, "tdnf": Dnf,
	"zypper": Zypper,
	"pip":    Pip, "uv": Pip, "poetry": Pip, "pipenv": Pip,
	"npm": Npm, "yarn": Npm, "pnpm": Npm, "bun": Npm,
	"gem": Gem, "bundle": Gem,
	"cargo": Cargo,
	"go":    GoMod,
}

// optionArgs are the options of each manager that take a separate argument.
var optionArgs = map[Manager]map[string]bool{
	Apt:    {"-o": true, "-t": true, "-c": true, "--option": true, "--target-release": true, "--config-file": true},
	Apk:    {"-t": true, "--virtual": true, "-X": true, "--repository": true, "-p": true, "--root": true, "--arch": true, "--cache-dir": true, "--keys-dir": true, "--repositories-file": true},
	Dnf:    {"-c": true, "--installroot": true, "--releasever": true, "--setopt": true, "--enablerepo": true, "--disablerepo": true, "-x": true, "--exclude": true},
	Zypper: {"-r": true, "--repo": true, "--from": true, "--root": true},
	Pip:    {"-r": true, "--requirement": true, "-c": true, "--constraint": true, "-i": true, "--index-url": true, "--extra-index-url": true, "-t": true, "--target": true, "-f": true, "--find-links": true, "--prefix": true, "--root": true, "--trusted-host": true, "--python": true, "-p": true},
	Npm:    {"--prefix": true, "--registry": true, "-w": true, "--workspace": true, "--cwd": true, "--filter": true, "--omit": true, "--include": true},
	Gem:    {"-v": true, "--version": true, "-i": true, "--install-dir": true, "-n": true, "--bindir": true, "--source": true, "--without": true, "--with": true, "--path": true, "--jobs": true, "-j": true},
	Cargo:  {"--version": true, "--path": true, "--git": true, "--root": true, "--branch": true, "--tag": true, "--rev": true, "--features": true, "-F": true, "--bin": true, "--target": true, "-j": true, "--jobs": true, "--profile": true},
	GoMod:  {"-tags": true, "-ldflags": true, "-gcflags": true, "-o": true, "-modfile": true, "-p": true},
}

// ops maps subcommands to what they do, per manager.
var ops = map[Manager]map[string]Op{
	Apt:    {"install": OpInstall, "remove": OpRemove, "purge": OpRemove, "autoremove": OpRemove},
	Apk:    {"add": OpInstall, "del": OpRemove},
	Dnf:    {"install": OpInstall, "groupinstall": OpInstall, "reinstall": OpInstall, "localinstall": OpInstall, "remove": OpRemove, "erase": OpRemove, "autoremove": OpRemove},
	Zypper: {"install": OpInstall, "in": OpInstall, "remove": OpRemove, "rm": OpRemove},
	Pip:    {"install": OpInstall, "add": OpInstall, "sync": OpInstall, "uninstall": OpRemove, "remove": OpRemove},
	Npm:    {"install": OpInstall, "i": OpInstall, "ci": OpInstall, "add": OpInstall, "uninstall": OpRemove, "remove": OpRemove, "rm": OpRemove, "un": OpRemove, "r": OpRemove},
	Gem:    {"install": OpInstall, "i": OpInstall, "uninstall": OpRemove},
	Cargo:  {"install": OpInstall, "uninstall": OpRemove},
	GoMod:  {"install": OpInstall, "get": OpInstall},
}

// isPython matches python, python3, python3.12.
func isPython(name string) bool { return versioned(name, "python") }

// isPip matches pip, pip3, pip3.12.
func isPip(name string) bool { return versioned(name, "pip") }

// versioned reports whether name is prog followed by digits and dots.
func versioned(name, prog string) bool {
	return strings.HasPrefix(name, prog) && strings.Trim(name[len(prog):], "0123456789.") == ""
}

// ParsePackage reads a package-manager call (the command unwrapped from sudo
// and the like); ok is false for other commands, and for cargo and go
// commands that are not installs. The package's Command is c, without a
// directory or environment.
func ParsePackage(c *shell.Command) (*Package, bool) {
	var p Package
	if c == nil || !parsePackage(c, &p) {
		return nil, false
	}
	out := new(Package)
	*out = p
	out.Command.Command = c
	return out, true
}

// parsePackage is ParsePackage filling p, so that the facts of a model can
// keep their packages in shared blocks (see arena).
func parsePackage(c *shell.Command, p *Package) bool {
	name, ws := c.Name(), c.Words
	if _, ok := tools[name]; !ok && !isPython(name) && !isPip(name) {
		return false
	}
	if isPython(name) && len(ws) >= 3 && ws[1].Value == "-m" && isPip(ws[2].Value) {
		name, ws = "pip", ws[2:]
	}
	if isPip(name) {
		name = "pip"
	}
	if name == "uv" && len(ws) >= 2 && ws[1].Value == "pip" {
		ws = ws[1:] // uv pip install: the subcommand follows "pip"
	}
	m, ok := tools[name]
	if !ok || (m == Cargo || m == GoMod) && (len(ws) < 2 || ops[m][ws[1].Value] == OpOther) {
		return false // cargo build, go build: build steps, not packages
	}
	*p = Package{Manager: m, Tool: name}
	args := optionArgs[m]
	for i := 1; i < len(ws); i++ {
		v := ws[i].Value
		if strings.HasPrefix(v, "-") && len(v) > 1 {
			p.Options = append(p.Options, ws[i])
			if args[v] && i+1 < len(ws) {
				if m == Apk && (v == "-t" || v == "--virtual") {
					p.Virtual = ws[i+1].Value
				}
				i++
			}
			if m == Apk && strings.HasPrefix(v, "--virtual=") {
				p.Virtual = strings.TrimPrefix(v, "--virtual=")
			}
			if m == Npm && (v == "-g" || v == "--global") {
				p.Global = true
			}
			continue
		}
		if p.Sub.Value == "" {
			if name == "yarn" && v == "global" {
				p.Global = true
				continue
			}
			p.Sub = ws[i]
			continue
		}
		p.Names = append(p.Names, ws[i])
		if strings.ContainsAny(v, "$`") {
			p.Computed = true
		}
	}
	if name == "yarn" && p.Sub.Value == "" {
		p.Op = OpInstall // a bare `yarn` installs the project's dependencies
	} else {
		p.Op = ops[m][p.Sub.Value]
	}
	return true
}

// Cleanup is what a RUN removes again: the reading behind "build then clean
// up in the same layer", as the official images do.
type Cleanup struct {
	// Removed are package names removed by name (apk virtual group names
	// included).
	Removed map[string]bool
	// AutoRemove: every package marked automatic is purged (`apt-mark auto
	// '.*'` or `apt-mark showmanual`, then `apt-get purge --auto-remove` or
	// `apt-get autoremove`).
	AutoRemove bool
	// Computed: a removal whose list is computed at build time (`apt-get
	// purge $(...)`, `... | xargs apk del`, the dpkg before/after diff):
	// read as removing what this RUN installed.
	Computed bool
	// Packages: the RUN removes packages at all.
	Packages bool
	// Sources: the RUN deletes recursively something other than caches and
	// temporary files (`rm -rf /usr/src/python`).
	Sources bool
}

// Removes reports whether the cleanup removes name, installed by p.
func (c *Cleanup) Removes(p *Package, name string) bool {
	return c.AutoRemove || c.Computed || c.Removed[name] || p.Virtual != "" && c.Removed[p.Virtual]
}

// Any reports whether the RUN cleans up after itself at all.
func (c *Cleanup) Any() bool { return c.Packages || c.Sources }

// readCleanup reads the removals of a RUN's commands; pkgs are the package
// calls already read from them.
func readCleanup(cmds []Command, pkgs []*Package) Cleanup {
	var c Cleanup
	markedAuto, purgeAuto := false, false
	for _, cmd := range cmds {
		for i := 0; i+1 < len(cmd.Words); i++ {
			if cmd.Words[i].Value == "apt-mark" && (cmd.Words[i+1].Value == "auto" || cmd.Words[i+1].Value == "showmanual") {
				markedAuto = true
			}
		}
		if cmd.Name() == "xargs" { // ... | xargs apt-get purge: a computed list
			if p, ok := ParsePackage(afterXargs(cmd.Words)); ok && p.Op == OpRemove {
				c.Packages, c.Computed = true, true
			}
		}
		if cmd.Name() == "rm" && removesSources(cmd.Words) {
			c.Sources = true
		}
	}
	for _, p := range pkgs {
		if p.Op != OpRemove {
			continue
		}
		c.Packages = true
		if p.Manager == Apt && (p.Sub.Value == "autoremove" || p.HasOption("--auto-remove", "--autoremove")) {
			purgeAuto = true
		}
		if p.Computed {
			c.Computed = true
		}
		for _, n := range p.PackageNames() {
			if c.Removed == nil {
				c.Removed = map[string]bool{}
			}
			c.Removed[n] = true
		}
	}
	c.AutoRemove = markedAuto && purgeAuto
	return c
}

// afterXargs is the command xargs runs.
func afterXargs(ws []shell.Word) *shell.Command {
	i := 1
	for i < len(ws) && strings.HasPrefix(ws[i].Value, "-") {
		switch ws[i].Value {
		case "-I", "-n", "-d", "-P", "-L", "-s", "-a", "-E":
			i++
		}
		i++
	}
	if i >= len(ws) {
		return nil
	}
	return &shell.Command{Words: ws[i:]}
}

// removesSources reports an `rm -r` of something other than caches, package
// lists and temporary files.
func removesSources(ws []shell.Word) bool {
	recursive := false
	for _, w := range ws[1:] {
		if v := w.Value; v == "--recursive" || strings.HasPrefix(v, "-") && !strings.HasPrefix(v, "--") && strings.ContainsAny(v, "rR") {
			recursive = true
		}
	}
	if !recursive {
		return false
	}
	for _, w := range ws[1:] {
		v := w.Value
		if strings.HasPrefix(v, "-") || strings.HasPrefix(v, "/var/lib/apt") || strings.HasPrefix(v, "/var/cache") ||
			strings.Contains(v, "/.cache") || strings.HasPrefix(v, "/tmp") || strings.HasPrefix(v, "/root/.") {
			continue
		}
		return true
	}
	return false
}
