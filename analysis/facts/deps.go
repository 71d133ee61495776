package facts

import (
	"strings"
	"sync"
)

// Ecosystems of dependency installs that build nothing themselves.
const (
	Ruby   Ecosystem = "ruby"
	PHP    Ecosystem = "php"
	Elixir Ecosystem = "elixir"
)

// Dependency is a command that downloads a project's dependencies as its
// manifest lists them: go mod download, npm ci, pip install -r
// requirements.txt, mvn dependency:go-offline, cargo fetch...
type Dependency struct {
	Ecosystem Ecosystem
	// Label names the install in messages: "go mod download", "npm ci",
	// "pip install -r requirements.txt".
	Label string
	// Manifests are the files to copy before the install so that its layer
	// stays cached, relative to the directory it runs in.
	Manifests []string
	// Needs are the files the install cannot run without, as alternatives
	// (any one will do; globs allowed), relative to Dir or absolute. Empty
	// when the install does without one, or when an option points it
	// elsewhere (npm --prefix, mvn -f, cargo --manifest-path...).
	Needs []string
	// Upward: the tool also looks for the manifest in the parent directories
	// (go, npm, cargo, bundler, poetry do).
	Upward  bool
	Command Command
}

// ReadDependency recognises a dependency install; ok is false for other
// commands. It is the one list of such installs: CacheBustingCopy and
// ManifestNotCopied read it.
func ReadDependency(c Command) (*Dependency, bool) {
	if len(c.Words) == 0 || !depTools()[c.Name()] && !isPip(c.Name()) && !isPython(c.Name()) {
		return nil, false
	}
	d := &Dependency{Command: c, Upward: true}
	vals := c.Values()
	first := at(vals, 0)
	set := func(eco Ecosystem, label string, needs string, manifests ...string) (*Dependency, bool) {
		d.Ecosystem, d.Label, d.Manifests = eco, label, manifests
		if needs != "" {
			d.Needs = []string{needs}
		}
		return d, true
	}
	elsewhere := func(opts ...string) bool {
		for _, w := range c.Args() {
			for _, o := range opts {
				if w.Value == o || strings.HasPrefix(w.Value, o+"=") {
					return true
				}
			}
		}
		return false
	}
	var ok bool
	switch name := c.Name(); name {
	case "go":
		if first == "mod" && at(vals, 1) == "download" {
			needs := "go.mod"
			if len(vals) > 2 || elsewhere("-C", "-modfile") {
				needs = "" // named modules download without a go.mod
			}
			d, ok = set(Go, "go mod download", needs, "go.mod", "go.sum")
		}
	case "npm", "yarn", "pnpm", "bun":
		if p, isPkg := ParsePackage(c.Command); isPkg && ProjectInstall(p) {
			label := p.Tool
			if p.Sub.Value != "" {
				label += " " + p.Sub.Value
			}
			lock := nodeLockfiles[name]
			needs := "package.json"
			if elsewhere("--prefix", "--cwd", "-C", "--dir", "-w", "--workspace", "--filter") {
				needs = ""
			}
			d, ok = set(Node, label, needs, "package.json", lock)
		}
	case "cargo":
		if first == "fetch" {
			needs := "Cargo.toml"
			if elsewhere("--manifest-path") {
				needs = ""
			}
			d, ok = set(Rust, "cargo fetch", needs, "Cargo.toml", "Cargo.lock")
		}
	case "mvn", "mvnw":
		for _, v := range vals {
			if strings.HasPrefix(v, "dependency:") {
				needs := "pom.xml"
				if elsewhere("-f", "--file") {
					needs = ""
				}
				d, ok = set(Java, "mvn "+v, needs, "pom.xml")
				d.Upward = false
				break
			}
		}
	case "gradle", "gradlew":
		for _, v := range vals {
			if v == "dependencies" {
				d, ok = set(Java, "gradle dependencies", "", "build.gradle*", "settings.gradle*")
			}
		}
	case "bundle":
		if first == "install" {
			needs := "Gemfile"
			if elsewhere("--gemfile") {
				needs = ""
			}
			d, ok = set(Ruby, "bundle install", needs, "Gemfile", "Gemfile.lock")
		}
	case "composer":
		if first == "install" {
			needs := "composer.json"
			if elsewhere("-d", "--working-dir") {
				needs = ""
			}
			d, ok = set(PHP, "composer install", needs, "composer.json", "composer.lock")
			d.Upward = false
		}
	case "dotnet":
		if first == "restore" {
			d, ok = set(Dotnet, "dotnet restore", "", "*.csproj", "*.sln")
			if at(vals, 1) == "" && !elsewhere("--project") {
				// Without a project argument it needs one in the directory.
				d.Needs = []string{"*.sln", "*.slnx", "*.csproj", "*.fsproj", "*.vbproj", "*.proj"}
			}
			d.Upward = false
		}
	case "pipenv":
		if first == "sync" {
			d, ok = set(Python, "pipenv sync", "Pipfile.lock", "Pipfile", "Pipfile.lock")
		} else if first == "install" {
			d, ok = set(Python, "pipenv install", "", "Pipfile", "Pipfile.lock") // creates a Pipfile when none
		}
	case "poetry":
		if first == "install" {
			needs := "pyproject.toml"
			if elsewhere("-C", "--directory", "-P", "--project") {
				needs = ""
			}
			d, ok = set(Python, "poetry install", needs, "pyproject.toml", "poetry.lock")
		}
	case "uv":
		if first == "sync" {
			needs := "pyproject.toml"
			if elsewhere("--project", "--directory", "--script") {
				needs = ""
			}
			d, ok = set(Python, "uv sync", needs, "pyproject.toml", "uv.lock")
		}
	case "mix":
		if first == "deps.get" {
			d, ok = set(Elixir, "mix deps.get", "mix.exs", "mix.exs", "mix.lock")
		}
	}
	if ok {
		return d, true
	}
	if p, isPkg := ParsePackage(c.Command); isPkg && p.Manager == Pip && p.Op == OpInstall {
		if f, has := requirementFile(c); has {
			d, _ = set(Python, "pip install -r "+f, "", f)
			if !strings.ContainsAny(f, "$") {
				d.Needs = []string{f}
			}
			d.Upward = false
			return d, true
		}
	}
	return nil, false
}

// depTools are the programs ReadDependency looks at (pip and python, with
// their versioned names, besides).
var depTools = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Fields(`go npm yarn pnpm bun cargo mvn mvnw gradle gradlew bundle composer dotnet pipenv poetry uv mix`) {
		m[t] = true
	}
	return m
})

// requirementFile is the first -r/--requirement file of a pip install.
func requirementFile(c Command) (string, bool) {
	for i, o := range c.Words {
		v := o.Value
		if (v == "-r" || v == "--requirement") && i+1 < len(c.Words) {
			return c.Words[i+1].Value, true
		}
		if f, ok := strings.CutPrefix(v, "--requirement="); ok {
			return f, true
		}
		if strings.HasPrefix(v, "-r") && len(v) > 2 && !strings.HasPrefix(v, "--") {
			return v[2:], true
		}
	}
	return "", false
}

// projectInstall are the subcommands that install a project's own
// dependencies, per tool ("" for a bare `yarn`).
var projectInstall = map[string]map[string]bool{
	"npm":  {"ci": true, "install": true, "i": true},
	"yarn": {"": true, "install": true},
	"pnpm": {"install": true, "i": true},
	"bun":  {"install": true, "i": true},
}

// ProjectInstall reports whether a Node package-manager call installs the
// project's own dependencies (npm ci, npm install and yarn with no package
// named, pnpm install) rather than named packages.
func ProjectInstall(p *Package) bool {
	return p.Manager == Npm && p.Op == OpInstall && !p.Global && len(p.Names) == 0 &&
		!p.HasOption("--version", "-v", "-V", "--help", "-h", "--info") && projectInstall[p.Tool][p.Sub.Value]
}

// nodeLockfiles are the lockfiles of the Node package managers.
var nodeLockfiles = map[string]string{"npm": "package-lock.json", "yarn": "yarn.lock", "pnpm": "pnpm-lock.yaml", "bun": "bun.lockb"}

// NodePackageManager reports npm, yarn, pnpm and bun by name.
func NodePackageManager(tool string) bool { return projectInstall[tool] != nil }

// ProjectInstallSubcommand reports whether tool's subcommand sub installs
// the project's own dependencies ("" for a bare `yarn`).
func ProjectInstallSubcommand(tool, sub string) bool { return projectInstall[tool][sub] }
