package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
)

// SingleStageBuild reports a Dockerfile with one stage that compiles or
// bundles: the image it ships carries the toolchain, the sources and the
// intermediate files. It is the entry point of the "split into build and
// runtime stages" refactoring.
var SingleStageBuild = &analysis.Analyzer{
	Name:     "SingleStageBuild",
	Doc:      "A single-stage Dockerfile that compiles or bundles ships its toolchain, sources and intermediate files; a build stage plus a small runtime stage ships only the result.",
	Severity: analysis.Information,
	Run:      runSingleStageBuild,
}

func runSingleStageBuild(p *analysis.Pass) {
	if len(p.Model.Stages) != 1 {
		return
	}
	chain := finalImage(p)
	if nonShippingTarget(chain) || !runsSomething(chain) {
		return
	}
	for _, n := range body(chain) {
		if n.Command() != "RUN" {
			continue
		}
		_, cmds := runCommands(n)
		if buildAndClean(cmds) {
			continue
		}
		for _, c := range cmds {
			what, ok := buildStep(c.Command)
			if !ok {
				continue
			}
			p.Report(analysis.Diagnostic{
				Range: wordsRange(c.Words),
				Message: fmt.Sprintf("single-stage build: `%s` runs in the image that ships, so the toolchain, the sources and the build's leftovers stay in it; "+
					"build in a stage of its own and COPY --from it only what runs into a small runtime stage", what),
				Related: []analysis.Related{{Range: p.Model.Stages[0].From.Range(), Message: "the only stage"}},
			})
			return
		}
	}
}

// buildAndClean reports the official images' pattern of compiling and then
// removing the build dependencies in the same RUN (`apk del .build-deps`,
// `apt-get purge --auto-remove`): the layer keeps only the result, which is
// what a multi-stage build would achieve.
func buildAndClean(cmds []runCmd) bool {
	if removalsIn(cmds).any {
		return true
	}
	// Or the sources it built are deleted (`rm -rf /usr/src/python`).
	for _, c := range cmds {
		if c.Name() != "rm" || !recursive(c.Words[1:]) {
			continue
		}
		for _, w := range c.Words[1:] {
			v := w.Value
			if strings.HasPrefix(v, "-") || strings.HasPrefix(v, "/var/lib/apt") || strings.HasPrefix(v, "/var/cache") || strings.Contains(v, "/.cache") {
				continue
			}
			return true
		}
	}
	return false
}

func recursive(ws []shell.Word) bool {
	for _, w := range ws {
		v := w.Value
		if v == "--recursive" || strings.HasPrefix(v, "-") && !strings.HasPrefix(v, "--") && strings.ContainsAny(v, "rR") {
			return true
		}
	}
	return false
}

// buildStep recognises a command that compiles or bundles and returns how to
// name it in a message.
func buildStep(c shell.Command) (string, bool) {
	if len(c.Words) == 0 {
		return "", false
	}
	name := c.Name()
	var args []string
	for _, w := range c.Words[1:] {
		if !strings.HasPrefix(w.Value, "-") {
			args = append(args, w.Value)
		}
	}
	first := ""
	if len(args) > 0 {
		first = args[0]
	}
	second := ""
	if len(args) > 1 {
		second = args[1]
	}
	switch name {
	case "go":
		if first == "build" || first == "install" {
			return "go " + first, true
		}
	case "cargo":
		if first == "build" || first == "install" || first == "rustc" {
			return "cargo " + first, true
		}
	case "mvn", "mvnw":
		for _, a := range args {
			switch a {
			case "package", "install", "verify", "compile", "deploy", "spring-boot:repackage":
				return "mvn " + a, true
			}
		}
	case "gradle", "gradlew":
		for _, a := range args {
			switch a {
			case "dependencies", "help", "tasks", "clean", "wrapper", "properties":
				continue
			}
			if !strings.Contains(a, "=") {
				return name + " " + a, true
			}
		}
	case "npm":
		if (first == "run" || first == "run-script") && strings.Contains(second, "build") {
			return "npm run " + second, true
		}
	case "yarn", "pnpm", "bun":
		if strings.Contains(first, "build") {
			return name + " " + first, true
		}
		if first == "run" && strings.Contains(second, "build") {
			return name + " run " + second, true
		}
	case "npx":
		if first != "" {
			return buildStep(shell.Command{Words: c.Words[indexOf(c.Words, first):]})
		}
	case "tsc", "webpack", "esbuild", "rollup", "parcel":
		return name, true
	case "vite", "next", "ng", "nuxt", "astro", "remix":
		if first == "build" {
			return name + " build", true
		}
	case "dotnet":
		if first == "publish" || first == "build" {
			return "dotnet " + first, true
		}
	case "make", "gmake":
		for _, a := range args {
			if a == "clean" || a == "help" {
				continue
			}
			if makeTarget.MatchString(a) {
				return name + " " + a, true
			}
		}
		return name, true
	case "cmake", "ninja", "meson", "scons":
		return name, true
	case "bazel", "bazelisk":
		if first == "build" {
			return "bazel build", true
		}
	case "gcc", "g++", "cc", "c++", "clang", "clang++", "javac", "rustc", "ghc", "swiftc", "kotlinc":
		return name, true
	case "cabal", "stack":
		if first == "build" || first == "install" {
			return name + " " + first, true
		}
	case "swift":
		if first == "build" {
			return "swift build", true
		}
	case "mix":
		if first == "release" || first == "compile" {
			return "mix " + first, true
		}
	}
	return "", false
}

func indexOf(ws []shell.Word, v string) int {
	for i, w := range ws {
		if w.Value == v {
			return i
		}
	}
	return 0
}

var makeTarget = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`)

// buildsInImage reports whether the chain compiles something outside the
// official build-and-clean pattern.
func buildsInImage(chain []*model.Stage) bool {
	for _, n := range body(chain) {
		if n.Command() != "RUN" {
			continue
		}
		_, cmds := runCommands(n)
		if buildAndClean(cmds) {
			continue
		}
		for _, c := range cmds {
			if _, ok := buildStep(c.Command); ok {
				return true
			}
		}
	}
	return false
}
