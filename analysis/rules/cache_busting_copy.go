package rules

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// CacheBustingCopy reports a stage that copies the whole build context before
// it installs dependencies (go mod download, npm ci, pip install -r, mvn
// dependency:go-offline, cargo fetch...). Any change to any file invalidates
// the COPY layer and everything after it, so every edit re-downloads every
// dependency. Copying the manifests first keeps the install cached until they
// change.
var CacheBustingCopy = &analysis.Analyzer{
	Name:     "CacheBustingCopy",
	Doc:      "Copying the whole build context before installing dependencies re-downloads them on every source change; copy the dependency manifests first, install, then copy the rest.",
	Severity: analysis.Information,
	Run:      runCacheBustingCopy,
}

func runCacheBustingCopy(p *analysis.Pass) {
	for _, s := range p.Model.Stages {
		var ctxCopy syntax.Node
		var ctxWord syntax.Word
		copied := false
		installedBefore := map[string]bool{}
		for _, n := range s.Body {
			if !copied {
				if w, ok := wholeContext(n); ok {
					ctxCopy, ctxWord, copied = n, w, true
					continue
				}
			}
			if n.Command() != "RUN" {
				continue
			}
			_, cmds := runCommands(n)
			for _, c := range cmds {
				dep, ok := dependencyInstall(c.Command)
				if !ok {
					continue
				}
				if !copied {
					installedBefore[dep.ecosystem] = true
					continue
				}
				if installedBefore[dep.ecosystem] || hasCacheMount(n) {
					continue
				}
				p.Report(analysis.Diagnostic{
					Range: ctxWord.Range,
					Message: fmt.Sprintf("%s %s copies the whole build context before `%s`, so any source change re-runs the install and re-downloads every dependency; "+
						"COPY %s first, run `%s`, then copy the rest", ctxCopy.Command(), ctxWord.Value, dep.what, dep.manifests, dep.what),
					Related: []analysis.Related{{Range: wordsRange(c.Words), Message: "the dependency install that re-runs"}},
				})
				installedBefore[dep.ecosystem] = true
			}
		}
	}
}

type depInstall struct {
	ecosystem, what, manifests string
}

// dependencyInstall recognises a command that downloads a project's
// dependencies from its manifest.
func dependencyInstall(c shell.Command) (depInstall, bool) {
	if len(c.Words) == 0 {
		return depInstall{}, false
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
	switch name := c.Name(); name {
	case "go":
		if first == "mod" && contains(args, "download") {
			return depInstall{"go", "go mod download", "go.mod go.sum ./"}, true
		}
	case "npm", "yarn", "pnpm", "bun":
		if inst, ok := parseNodeInstall(c); ok {
			what := inst.String()
			lock := map[string]string{"npm": "package-lock.json", "yarn": "yarn.lock", "pnpm": "pnpm-lock.yaml", "bun": "bun.lockb"}[name]
			return depInstall{"node", what, "package.json " + lock + " ./"}, true
		}
	case "cargo":
		if first == "fetch" {
			return depInstall{"rust", "cargo fetch", "Cargo.toml Cargo.lock ./"}, true
		}
	case "mvn", "mvnw":
		for _, a := range args {
			if strings.HasPrefix(a, "dependency:") {
				return depInstall{"java", name + " " + a, "pom.xml ./"}, true
			}
		}
	case "gradle", "gradlew":
		if contains(args, "dependencies") {
			return depInstall{"java", name + " dependencies", "build.gradle* settings.gradle* ./"}, true
		}
	case "bundle":
		if first == "install" {
			return depInstall{"ruby", "bundle install", "Gemfile Gemfile.lock ./"}, true
		}
	case "composer":
		if first == "install" {
			return depInstall{"php", "composer install", "composer.json composer.lock ./"}, true
		}
	case "dotnet":
		if first == "restore" {
			return depInstall{"dotnet", "dotnet restore", "the *.csproj (and *.sln) files"}, true
		}
	case "pipenv":
		if first == "install" || first == "sync" {
			return depInstall{"python", "pipenv " + first, "Pipfile Pipfile.lock ./"}, true
		}
	case "poetry":
		if first == "install" {
			return depInstall{"python", "poetry install", "pyproject.toml poetry.lock ./"}, true
		}
	case "uv":
		if first == "sync" {
			return depInstall{"python", "uv sync", "pyproject.toml uv.lock ./"}, true
		}
	case "mix":
		if first == "deps.get" {
			return depInstall{"elixir", "mix deps.get", "mix.exs mix.lock ./"}, true
		}
	}
	if pc, ok := facts.ParsePackage(c); ok && family(pc) == "pip" && pc.Op == facts.OpInstall {
		for i, o := range c.Words {
			v := o.Value
			if (v == "-r" || v == "--requirement") && i+1 < len(c.Words) {
				f := c.Words[i+1].Value
				return depInstall{"python", "pip install -r " + f, f + " ./"}, true
			}
			if strings.HasPrefix(v, "--requirement=") || strings.HasPrefix(v, "-r") && len(v) > 2 {
				f := strings.TrimPrefix(strings.TrimPrefix(v, "--requirement="), "-r")
				return depInstall{"python", "pip install -r " + f, f + " ./"}, true
			}
		}
	}
	return depInstall{}, false
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
