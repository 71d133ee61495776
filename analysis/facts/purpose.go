package facts

import (
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
)

// Purpose is what an image is for. The final-image rules hold an image to
// production standards only when it is an application (or an action) image:
// in a dev, test or tool image the SDK, the dev dependencies and root are
// the point.
type Purpose int

const (
	// PurposeApp: an application image, or nothing says otherwise.
	PurposeApp   Purpose = iota
	PurposeDev           // a development environment (Tilt, devcontainer, dev server)
	PurposeTest          // runs tests, or serves them as a fixture
	PurposeCI            // a CI or docs-check job
	PurposeDebug         // a debugging variant of an image
	// PurposeTool: the image's workload is a build tool (ENTRYPOINT
	// ["make"], CMD ["mvn"], a *-build.Dockerfile): its tools are no bloat.
	PurposeTool
	// PurposeBase: no program of its own (no CMD or ENTRYPOINT, and no
	// build result copied in): a base image to extend or a build
	// environment.
	PurposeBase
	// PurposeAction: a GitHub container action, which runs as root by
	// GitHub's rules.
	PurposeAction
)

var purposeNames = [...]string{"application", "development", "test", "CI", "debug", "build tool", "base", "GitHub action"}

func (p Purpose) String() string {
	if p < 0 || int(p) >= len(purposeNames) {
		return "unknown"
	}
	return purposeNames[p]
}

// Intent is an image's purpose and the evidence for it.
type Intent struct {
	Purpose Purpose
	Why     string // e.g. "the file is named Dockerfile.tilt"; "" for PurposeApp by default
}

// NonShipping reports a development, test, CI or debug image: one never
// shipped to production, where every production rule stays quiet.
func (i Intent) NonShipping() bool {
	switch i.Purpose {
	case PurposeDev, PurposeTest, PurposeCI, PurposeDebug:
		return true
	}
	return false
}

// IntentOf says what the image built from stage st is for. file is the
// Dockerfile's path relative to its workspace (see analysis.Pass.Path; ""
// when unknown); ctx is its build context (nil when unknown). It is the one
// place that decides this: the file's name and folders first, then an
// action.yml beside it, then the stage names of the chain and the base
// image, then the program the image runs.
func IntentOf(file string, st *Stage, ctx *buildcontext.Context) Intent {
	if in, ok := pathIntent(file); ok {
		return in
	}
	if name := actionMetadata(file, ctx); name != "" {
		return Intent{PurposeAction, "it is a GitHub container action (" + name + " beside the Dockerfile)"}
	}
	if st == nil {
		return Intent{}
	}
	if NonShippingName(st.Model.Name) {
		return Intent{nameIntent(st.Model.Name), "the stage is named " + st.Model.Name}
	}
	if strings.Contains(strings.ToLower(st.Chain()[0].Base.Value), "devcontainers/") {
		return Intent{PurposeDev, "it is built on a dev container image"}
	}
	return programIntent(st)
}

// actionMetadata finds the action.yml or action.yaml of a GitHub container
// action in the Dockerfile's folder of the build context, reading no file:
// GitHub builds such an action with that folder as the context. The folder
// is the longest tail of file's folders that the context holds (the
// Dockerfile itself is usually sent too), else the context root, where a
// Dockerfile usually sits. It returns the name found, "" when none.
func actionMetadata(file string, ctx *buildcontext.Context) string {
	if ctx == nil {
		return ""
	}
	dir := ""
	if file != "" {
		parts := strings.Split(strings.Trim(path.Clean("/"+file), "/"), "/")
		for i := range parts {
			tail := path.Join(parts[i:]...)
			if e, ok := ctx.Lookup(tail); ok && e.Kind != buildcontext.Dir {
				dir = path.Dir(tail)
				break
			}
		}
	}
	for _, name := range []string{"action.yml", "action.yaml"} {
		if e, ok := ctx.Lookup(path.Join(dir, name)); ok && e.Kind != buildcontext.Dir {
			return name
		}
	}
	return ""
}

// nameIntent is the purpose a stage or file name token says.
func nameIntent(name string) Purpose {
	for _, t := range tokens(strings.ToLower(name)) {
		switch t {
		case "test", "tests", "testing", "e2e", "cypress", "playwright", "integration":
			return PurposeTest
		case "ci", "lint", "linter", "validate", "validation":
			return PurposeCI
		case "debug":
			return PurposeDebug
		}
	}
	return PurposeDev
}

func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '-' || r == '_' })
}

// pathIntent reads the purpose from the file's name and folders.
func pathIntent(file string) (Intent, bool) {
	written := path.Base(path.Clean("/" + file))
	file = strings.ToLower(strings.Trim(path.Clean("/"+file), "/"))
	if file == "" || file == "." {
		return Intent{}, false
	}
	dirs := strings.Split(file, "/")
	name := dirs[len(dirs)-1]
	dirs = dirs[:len(dirs)-1]
	for i, d := range dirs {
		switch {
		case d == ".github" && i+1 < len(dirs) && dirs[i+1] == "actions":
			return Intent{PurposeAction, "it is a GitHub container action (.github/actions/)"}, true
		case d == ".devcontainer":
			return Intent{PurposeDev, "it is a dev container (.devcontainer/)"}, true
		case d == "test" || d == "tests" || d == "e2e" || d == "testdata" || d == "integration-tests":
			return Intent{PurposeTest, "it is under " + d + "/"}, true
		case d == "hack":
			return Intent{PurposeTool, "it is a project script's image (hack/)"}, true
		case d == ".github" || d == ".circleci" || d == "ci":
			return Intent{PurposeCI, "it is under " + d + "/"}, true
		case d == "docs" && strings.Contains(file[strings.Index(file, "docs/"):], "check"):
			return Intent{PurposeCI, "it is a documentation check (docs/)"}, true
		}
	}
	var stem []string
	for _, t := range tokens(name) {
		if t != "dockerfile" && t != "containerfile" {
			stem = append(stem, t)
		}
	}
	for i, t := range stem {
		switch t {
		case "tilt", "dev", "devel", "development", "devcontainer", "local":
			return Intent{PurposeDev, "the file is named " + written}, true
		case "test", "tests", "testing", "e2e", "cypress", "playwright":
			return Intent{PurposeTest, "the file is named " + written}, true
		case "ci", "lint":
			return Intent{PurposeCI, "the file is named " + written}, true
		case "debug":
			return Intent{PurposeDebug, "the file is named " + written}, true
		case "build", "builder", "toolchain", "buildenv", "sdk":
			if i < len(stem)-1 {
				continue // django-build-deps names an app's build dependencies
			}
			return Intent{PurposeTool, "the file is named " + written}, true
		}
	}
	return Intent{}, false
}

// programIntent reads the purpose from what the image runs.
func programIntent(st *Stage) Intent {
	pr := st.Program
	if !pr.Set {
		if copiesBuildResult(st) {
			return Intent{}
		}
		return Intent{PurposeBase, "it sets no CMD or ENTRYPOINT and copies no build result: an image to extend"}
	}
	name := path.Base(pr.Name)
	args := pr.Args
	sub := ""
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			sub = a
			break
		}
	}
	joined := " " + strings.Join(args, " ") + " "
	switch {
	case name == "sleep" && (sub == "infinity" || sub == "inf") || name == "tail" && strings.Contains(joined, "/dev/null"):
		return Intent{PurposeDev, "it only keeps the container alive (" + pr.Name + " " + strings.Join(args, " ") + ") for commands run inside it"}
	case shell.IsShell(name) && !hasOperand(args):
		return Intent{PurposeBase, "it only starts an interactive shell (" + name + "): an image to extend or work in"}
	case strings.HasPrefix(pr.Name, "hack/") || strings.Contains(pr.Name, "/hack/"):
		return Intent{PurposeDev, "it runs a development script (" + pr.Name + ")"}
	case testRunners[name] || testTask(name, sub):
		return Intent{PurposeTest, "it runs tests (" + strings.TrimSpace(name+" "+sub) + ")"}
	case devServers[name] || devTask(name, sub, joined):
		return Intent{PurposeDev, "it runs a development server (" + strings.TrimSpace(name+" "+sub) + ")"}
	case BuildToolProgram(name):
		return Intent{PurposeTool, "it runs the build tool " + name}
	}
	return Intent{}
}

func hasOperand(args []string) bool {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return true
		}
	}
	return false
}

var testRunners = map[string]bool{
	"pytest": true, "py.test": true, "jest": true, "mocha": true, "vitest": true, "cypress": true, "playwright": true,
	"rspec": true, "phpunit": true, "tox": true, "nox": true, "bats": true, "karma": true, "ginkgo": true,
}

// testTask: `go test`, `npm test`, `mvn test`, `make test`, `cargo test`...
func testTask(name, sub string) bool {
	return strings.HasPrefix(sub, "test") && sub != "testserver" && (buildTools()[name] || name == "python" || name == "python3")
}

var devServers = map[string]bool{"nodemon": true, "webpack-dev-server": true, "air": true, "reflex": true, "CompileDaemon": true, "watchexec": true, "tilt": true}

// devTask: `npm run dev`, `yarn start:dev`, `next dev`, `manage.py runserver`,
// `uvicorn --reload`, `go run`, `ng serve`, `dotnet watch`.
func devTask(name, sub, joined string) bool {
	switch {
	case sub == "dev" || strings.HasSuffix(sub, ":dev") || strings.HasPrefix(sub, "dev:") || sub == "watch" || sub == "serve" && name == "ng":
		return true
	case strings.Contains(joined, " run dev ") || strings.Contains(joined, " runserver") || strings.Contains(joined, " --reload "):
		return true
	case name == "go" && sub == "run":
		return true
	}
	return false
}

// copiesBuildResult reports whether the chain copies files from another
// stage that builds something (a compiler or build-system run): the shape
// of a multi-stage application image, which is one even without a CMD of
// its own. A stage that only downloads and unpacks (the official toolchain
// images' build stage) does not count: their final image is a base.
func copiesBuildResult(st *Stage) bool {
	chain := st.Chain()
	in := map[*Stage]bool{}
	for _, s := range chain {
		in[s] = true
	}
	for _, s := range chain {
		for _, c := range s.Copies {
			if c.Source != FromStage || c.Stage == nil || in[c.Stage] {
				continue
			}
			for _, src := range c.Stage.Chain() {
				if len(src.Builds) > 0 {
					return true
				}
			}
		}
	}
	return false
}

// CompilesAtRunTime reports an image whose own program compiles: a
// distcc/icecream build farm, or kernel modules built where the image runs
// (dkms, kmod). Its toolchain is the workload, not a leftover of the build.
func (s *Stage) CompilesAtRunTime() bool {
	for _, st := range s.Chain() {
		for _, p := range st.Packages {
			if p.Op != OpInstall {
				continue
			}
			for _, name := range p.PackageNames() {
				switch name {
				case "distcc", "icecc", "icecream", "dkms", "kmod":
					return true
				}
			}
		}
	}
	return false
}
