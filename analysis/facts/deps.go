package facts

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
)

// Dependencies is a command that downloads a project's dependencies from
// its manifests: go mod download, npm ci, pip install -r, cargo fetch...
type Dependencies struct {
	Ecosystem string // "go", "node", "python", "java", "rust", "ruby", "php", "dotnet", "elixir"
	What      string // the command as the user would name it: "npm ci"
	// Manifests are the files the install reads, as COPY sources relative
	// to its working directory.
	Manifests []string
}

// ReadDependencies recognises a dependency install: the one list of them,
// read by CacheBustingCopy and the split.
func ReadDependencies(c shell.Command) (Dependencies, bool) {
	if len(c.Words) == 0 {
		return Dependencies{}, false
	}
	var args []string
	for _, w := range c.Words[1:] {
		args = append(args, w.Value)
	}
	first := ""
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			first = a
			break
		}
	}
	has := func(x string) bool {
		for _, a := range args {
			if a == x {
				return true
			}
		}
		return false
	}
	switch name := c.Name(); name {
	case "go":
		if first == "mod" && has("download") {
			return Dependencies{"go", "go mod download", []string{"go.mod", "go.sum"}}, true
		}
	case "npm", "yarn", "pnpm", "bun":
		if p, ok := ParsePackage(c); ok && ProjectInstall(p) {
			what := p.Tool + " " + p.Sub.Value
			if p.Sub.Value == "" {
				what = p.Tool
			}
			lock := map[string]string{"npm": "package-lock.json", "yarn": "yarn.lock", "pnpm": "pnpm-lock.yaml", "bun": "bun.lockb"}[name]
			return Dependencies{"node", what, []string{"package.json", lock}}, true
		}
	case "cargo":
		if first == "fetch" {
			return Dependencies{"rust", "cargo fetch", []string{"Cargo.toml", "Cargo.lock"}}, true
		}
	case "mvn", "mvnw":
		for _, a := range args {
			if strings.HasPrefix(a, "dependency:") {
				return Dependencies{"java", name + " " + a, []string{"pom.xml"}}, true
			}
		}
	case "gradle", "gradlew":
		if has("dependencies") {
			return Dependencies{"java", name + " dependencies", []string{"build.gradle*", "settings.gradle*"}}, true
		}
	case "bundle":
		if first == "install" {
			return Dependencies{"ruby", "bundle install", []string{"Gemfile", "Gemfile.lock"}}, true
		}
	case "composer":
		if first == "install" {
			return Dependencies{"php", "composer install", []string{"composer.json", "composer.lock"}}, true
		}
	case "dotnet":
		if first == "restore" {
			return Dependencies{"dotnet", "dotnet restore", []string{"*.csproj", "*.sln"}}, true
		}
	case "pipenv":
		if first == "install" || first == "sync" {
			return Dependencies{"python", "pipenv " + first, []string{"Pipfile", "Pipfile.lock"}}, true
		}
	case "poetry":
		if first == "install" {
			return Dependencies{"python", "poetry install", []string{"pyproject.toml", "poetry.lock"}}, true
		}
	case "uv":
		if first == "sync" {
			return Dependencies{"python", "uv sync", []string{"pyproject.toml", "uv.lock"}}, true
		}
	case "mix":
		if first == "deps.get" {
			return Dependencies{"elixir", "mix deps.get", []string{"mix.exs", "mix.lock"}}, true
		}
	}
	if p, ok := ParsePackage(c); ok && p.Manager == Pip && p.Tool == "pip" && p.Op == OpInstall {
		for i, o := range c.Words {
			v := o.Value
			f := ""
			switch {
			case (v == "-r" || v == "--requirement") && i+1 < len(c.Words):
				f = c.Words[i+1].Value
			case strings.HasPrefix(v, "--requirement="):
				f = strings.TrimPrefix(v, "--requirement=")
			case strings.HasPrefix(v, "-r") && len(v) > 2:
				f = v[2:]
			default:
				continue
			}
			return Dependencies{"python", "pip install -r " + f, []string{f}}, true
		}
	}
	return Dependencies{}, false
}

// ProjectInstall reports whether a Node package command installs the
// project's own dependencies: `npm ci`, `npm install` with no package
// names, `yarn`, `yarn install`, `pnpm install`, `bun install`.
func ProjectInstall(p *Package) bool {
	return p.Manager == Npm && p.Op == OpInstall && !p.Global && len(p.Names) == 0 &&
		!p.HasOption("--version", "-v", "-V", "--help", "-h", "--info") && projectInstall[p.Tool][p.Sub.Value]
}

// projectInstall are the subcommands that install a project's own
// dependencies, per tool ("" for a bare `yarn`).
var projectInstall = map[string]map[string]bool{
	"npm":  {"ci": true, "install": true, "i": true},
	"yarn": {"": true, "install": true},
	"pnpm": {"install": true, "i": true},
	"bun":  {"install": true, "i": true},
}
