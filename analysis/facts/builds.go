package facts

import (
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Ecosystem is the language world a build step belongs to.
type Ecosystem string

const (
	Go      Ecosystem = "go"
	Rust    Ecosystem = "rust"
	Node    Ecosystem = "node" // Node.js and TypeScript bundlers
	Java    Ecosystem = "java" // Maven, Gradle, sbt, Leiningen, javac
	Python  Ecosystem = "python"
	Dotnet  Ecosystem = "dotnet"
	C       Ecosystem = "c" // C/C++: make, cmake, meson, ninja, compilers
	Zig     Ecosystem = "zig"
	Generic Ecosystem = "generic" // Haskell, Swift, Elixir, Bazel...
)

// BuildKind tells compiling from preparing an environment.
type BuildKind int

const (
	// Compile: the step compiles or bundles; its output is what a runtime
	// stage would copy.
	Compile BuildKind = iota + 1
	// Environment: the step installs dependencies into a directory of its
	// own (a virtualenv, pip install --prefix/--target).
	Environment
)

// Build is one build step of a RUN.
type Build struct {
	Kind      BuildKind
	Ecosystem Ecosystem
	Tool      string // the program, wrappers folded: "go", "cargo", "mvn" (also mvnw), "gradle" (gradlew), "make" (gmake)...
	Task      string // the subcommand or task: "build", "rustc", "package", "bootJar", "uberjar"
	// Label names the step in messages: "go build", "cargo rustc", "npm run build".
	Label string
	// Script is the package.json script an npm, yarn, pnpm or bun step runs
	// ("build" for `npm run build` and `yarn build`): what it writes is the
	// script's business (see Stage.ProducesIn).
	Script string
	// Operands are the step's own operands where the facts read them: the
	// packages of go build and go install.
	Operands []string
	Outputs  []Output
	Command  Command
	Node     syntax.Node
}

// Output is a path a build step writes.
type Output struct {
	Path string // absolute; may hold a glob (target/*.jar) or an unresolved $VAR
	Dir  bool   // a directory whose content the step decides
	// Maybe: a likely path, not a certain one (npm run build writes dist,
	// build, .next or out, depending on the project; go build names the
	// binary after the module, guessed from the directory).
	Maybe bool
}

// versionQuery reports a tool run only to print its version or help.
func versionQuery(c Command) bool {
	args := c.Args()
	for _, a := range args {
		switch a.Value {
		case "-version", "--version", "-v", "-V", "version", "-help", "--help", "-h":
		default:
			return false
		}
	}
	return len(args) > 0
}

// ReadBuild recognises a command that builds; ok is false for others. It is
// the one list of build tools: rules and refactorings read it.
func ReadBuild(c Command) (*Build, bool) {
	var b Build
	if !readBuild(c, &b) {
		return nil, false
	}
	out := new(Build)
	*out = b
	return out, true
}

// readBuild is ReadBuild filling b, so that the facts of a model can keep
// their builds in shared blocks (see arena).
func readBuild(c Command, b *Build) bool {
	if c.Command == nil || len(c.Words) == 0 {
		return false
	}
	if name := c.Name(); !buildTools()[name] && !isPython(name) && !isPip(name) {
		return false
	}
	if versionQuery(c) {
		return false // `javac -version`: the JDK images' smoke test compiles nothing
	}
	*b = Build{Kind: Compile, Tool: c.Name(), Command: c}
	switch b.Tool {
	case "xx-go", "xx-cargo": // tonistiigi/xx's cross-compiling wrappers
		b.Tool = strings.TrimPrefix(b.Tool, "xx-")
	}
	var buf [8]string
	vals := c.appendValues(buf[:0])
	first, second := at(vals, 0), at(vals, 1)
	task := func(t string) bool { b.Task, b.Label = t, b.Tool+" "+t; return true }
	plain := func() bool { b.Label = b.Tool; return true }
	ok := false
	switch b.Tool {
	case "go":
		b.Ecosystem = Go
		if first == "build" || first == "install" {
			ok = task(first)
			b.Outputs, b.Operands = goOutputs(c, first)
		}
	case "cargo":
		b.Ecosystem = Rust
		if first == "build" || first == "rustc" || first == "install" {
			ok = task(first)
			b.Outputs = cargoOutputs(c, first)
		}
	case "rustc":
		b.Ecosystem, ok = Rust, plain()
		b.Outputs = compilerOutput(c)
	case "mvn", "mvnw":
		b.Ecosystem, b.Tool = Java, "mvn"
		for _, v := range vals {
			switch v {
			case "package", "install", "verify", "compile", "deploy", "spring-boot:repackage":
				ok = task(v)
			}
			if ok {
				break
			}
		}
		if ok {
			b.Outputs = []Output{{Path: projectDir(c, "-f", "--file") + "/target/*.jar"}}
		}
	case "gradle", "gradlew":
		b.Ecosystem, b.Tool = Java, "gradle"
		if t := gradleTask(vals); t != "" {
			ok = task(t)
			dir := projectDir(c, "-p", "--project-dir")
			if t == "installDist" {
				b.Outputs = []Output{{Path: dir + "/build/install", Dir: true}}
			} else {
				b.Outputs = []Output{{Path: dir + "/build/libs/*.jar"}}
			}
		}
	case "sbt":
		b.Ecosystem = Java
		for _, v := range vals {
			if !sbtNonBuild[v] {
				ok = task(v)
				break
			}
		}
		if ok {
			b.Outputs = []Output{{Path: c.Path("target"), Dir: true}}
		}
	case "lein":
		b.Ecosystem = Java
		if first == "uberjar" || first == "jar" || first == "compile" {
			ok = task(first)
			b.Outputs = []Output{{Path: c.Path("target"), Dir: true}}
		}
	case "ant":
		b.Ecosystem, ok = Java, plain()
	case "javac", "kotlinc":
		b.Ecosystem, ok = Java, plain()
	case "npm", "yarn", "pnpm", "bun":
		b.Ecosystem = Node
		script := first
		if (first == "run" || first == "run-script") && second != "" {
			script = second
		} else if b.Tool == "npm" {
			break // npm build is not a script runner
		}
		if nodeBuildScript(script) {
			if script == first {
				ok = task(script)
			} else {
				ok = task(first + " " + script)
			}
			if script != first || b.Tool == "yarn" || b.Tool == "pnpm" { // bun build is bun's bundler
				b.Script = script
			}
			b.Outputs = nodeOutputs(c)
		}
	case "npx", "bunx":
		if first != "" {
			inner, sc := c, *c.Command // the parse is shared: change a copy
			for i, w := range c.Words {
				if w.Value == first {
					sc.Words = c.Words[i:]
					break
				}
			}
			inner.Command = &sc
			return readBuild(inner, b)
		}
	case "tsc", "webpack", "esbuild", "rollup", "parcel":
		b.Ecosystem, ok = Node, plain()
		b.Outputs = nodeOutputs(c)
	case "vite", "next", "ng", "nuxt", "nuxi", "astro", "remix", "svelte-kit", "react-scripts", "vue-cli-service":
		b.Ecosystem = Node
		if first == "build" || first == "generate" || first == "export" {
			ok = task(first)
			b.Outputs = nodeOutputs(c)
		}
	case "dotnet":
		b.Ecosystem = Dotnet
		if first == "publish" || first == "build" {
			ok = task(first)
			if o, has := c.Option("-o", "--output"); has {
				b.Outputs = []Output{{Path: c.Path(o), Dir: true}}
			} else {
				b.Outputs = []Output{{Path: c.Path("bin/Release"), Dir: true}}
			}
		}
	case "make", "gmake":
		b.Ecosystem, b.Tool = C, "make"
		ok = plain()
		for _, a := range vals {
			if a == "clean" || a == "help" || strings.Contains(a, "=") {
				continue
			}
			if makeTarget().MatchString(a) {
				ok = task(a)
				break
			}
		}
		if len(vals) > 0 && allOf(vals, "clean", "help") {
			ok = false
		}
		b.Outputs = makeOutputs(c, b.Task)
	case "cmake", "ninja", "meson", "scons":
		b.Ecosystem, ok = C, plain()
		if d, has := c.Option("--build", "-C"); has {
			b.Outputs = []Output{{Path: c.Path(d), Dir: true}}
		}
	case "gcc", "g++", "cc", "c++", "clang", "clang++":
		b.Ecosystem, ok = C, plain()
		b.Outputs = compilerOutput(c)
	case "zig":
		b.Ecosystem = Zig
		if first == "build" || first == "build-exe" {
			ok = task(first)
			if first == "build" {
				prefix := "zig-out"
				if p, has := c.Option("-p", "--prefix"); has {
					prefix = p
				}
				b.Outputs = []Output{{Path: c.Path(prefix), Dir: true}}
			}
		}
	case "bazel", "bazelisk", "swift", "dune", "crystal", "dub":
		b.Ecosystem = Generic
		if first == "build" {
			ok = task(first)
		}
	case "cabal":
		b.Ecosystem = Generic
		if first == "build" || first == "install" || first == "v2-build" || first == "v2-install" {
			ok = task(first)
		}
	case "stack":
		b.Ecosystem = Generic
		if first == "build" || first == "install" {
			ok = task(first)
		}
	case "mix":
		b.Ecosystem = Generic
		if first == "release" || first == "compile" || first == "escript.build" {
			ok = task(first)
		}
	case "nim":
		b.Ecosystem = Generic
		if first == "c" || first == "cpp" || first == "compile" {
			ok = task(first)
		}
	case "ghc", "swiftc", "fpc", "gfortran":
		b.Ecosystem, ok = Generic, plain()
		b.Outputs = compilerOutput(c)
	case "virtualenv":
		b.Kind, b.Ecosystem, ok = Environment, Python, plain()
		if first != "" {
			b.Outputs = []Output{{Path: c.Path(first), Dir: true}}
		}
	case "poetry", "uv":
		b.Ecosystem = Python
		if first == "build" {
			ok = task(first)
			b.Outputs = []Output{{Path: c.Path("dist"), Dir: true}}
		}
	default:
		if isPython(b.Tool) {
			return pythonBuild(c, b, vals)
		}
		if isPip(b.Tool) {
			return pipBuild(c, b)
		}
	}
	return ok
}

// buildTools are the programs ReadBuild looks at (python and pip, with
// their versioned names, besides).
var buildTools = sync.OnceValue(func() map[string]bool {
	tools := map[string]bool{}
	for _, t := range strings.Fields(`go xx-go cargo xx-cargo rustc mvn mvnw gradle gradlew sbt lein ant javac kotlinc
		npm yarn pnpm bun npx bunx tsc webpack esbuild rollup parcel vite next ng nuxt nuxi astro remix
		svelte-kit react-scripts vue-cli-service dotnet make gmake cmake ninja meson scons gcc g++ cc c++
		clang clang++ zig bazel bazelisk swift dune crystal dub cabal stack mix nim ghc swiftc fpc gfortran
		virtualenv poetry uv`) {
		tools[t] = true
	}
	return tools
})

func at(vs []string, i int) string {
	if i < len(vs) {
		return vs[i]
	}
	return ""
}

func allOf(vs []string, set ...string) bool {
	for _, v := range vs {
		found := false
		for _, s := range set {
			found = found || v == s
		}
		if !found {
			return false
		}
	}
	return true
}

var makeTarget = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`) })

// gradleTask is the first task that builds something, or "".
func gradleTask(vals []string) string {
	for _, v := range vals {
		if strings.Contains(v, "=") {
			continue
		}
		t := v[strings.LastIndexByte(v, ':')+1:]
		switch t {
		case "dependencies", "help", "tasks", "clean", "wrapper", "properties", "test", "check", "":
			continue
		}
		return t
	}
	return ""
}

// sbtNonBuild are sbt commands that produce nothing to ship.
var sbtNonBuild = map[string]bool{"clean": true, "update": true, "test": true, "reload": true, "version": true, "about": true, "help": true, "exit": true}

// nodeBuildScript recognises the name of a package.json script that builds.
func nodeBuildScript(s string) bool {
	for _, w := range []string{"build", "compile", "bundle", "dist", "export", "generate"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// nodeOutputs are the directories front-end and TypeScript builds usually
// write; which one depends on the project.
func nodeOutputs(c Command) []Output {
	if o, ok := c.Option("--outDir", "--out-dir", "--outdir", "-o", "--output-path", "--dist-dir"); ok {
		return []Output{{Path: c.Path(o), Dir: true}}
	}
	var out []Output
	for _, d := range []string{"dist", "build", ".next", "out"} {
		out = append(out, Output{Path: c.Path(d), Dir: true, Maybe: true})
	}
	return out
}

// projectDir is the directory a Maven or Gradle build runs in.
func projectDir(c Command, opts ...string) string {
	d, ok := c.Option(opts...)
	if !ok {
		return c.Dir
	}
	if strings.HasSuffix(d, ".xml") || strings.HasSuffix(d, ".gradle") || strings.HasSuffix(d, ".kts") {
		return path.Dir(c.Path(d))
	}
	return c.Path(d)
}

// goFlagArgs are the go build/install flags that take a separate argument.
var goFlagArgs = map[string]bool{
	"-o": true, "-ldflags": true, "-gcflags": true, "-asmflags": true, "-tags": true, "-p": true, "-C": true,
	"-mod": true, "-modfile": true, "-overlay": true, "-pkgdir": true, "-buildmode": true, "-compiler": true,
	"-gccgoflags": true, "-installsuffix": true, "-pgo": true, "-coverpkg": true, "-covermode": true,
	"-toolexec": true, "-exec": true,
}

// goOutputs: go build -o X, else a binary named after the package built
// (a guess when it is the current directory: Go names it after the module;
// a glob for several packages or a ... pattern, one binary per main
// package); go install: $GOBIN or $GOPATH/bin. It also returns the package
// operands.
func goOutputs(c Command, sub string) ([]Output, []string) {
	dir, out := c.Dir, ""
	var pkgs []string
	ws := c.Words
	for i := 2; i < len(ws); i++ {
		v := ws[i].Value
		if !strings.HasPrefix(v, "-") {
			pkgs = append(pkgs, v)
			continue
		}
		name, val, hasVal := strings.Cut(v, "=")
		name = "-" + strings.TrimLeft(name, "-")
		if !hasVal && goFlagArgs[name] && i+1 < len(ws) {
			val = ws[i+1].Value
			i++
		}
		switch name {
		case "-o":
			out = val
		case "-C":
			dir = Resolve(dir, val)
		}
	}
	name, guess := "", false
	if len(pkgs) > 1 || len(pkgs) == 1 && strings.HasSuffix(pkgs[0], "...") {
		name = "*" // one binary per main package: go install, or go build -o DIR/
	} else if len(pkgs) == 1 && pkgs[0] != "." {
		pkg, _, _ := strings.Cut(pkgs[0], "@")
		name = path.Base(pkg)
		if strings.HasSuffix(name, ".go") {
			name = strings.TrimSuffix(name, ".go")
		} else if len(name) >= 2 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
			name = path.Base(strings.TrimSuffix(pkg, "/"+name)) // example.com/tool/v2 → tool
		}
	} else {
		name, guess = path.Base(dir), true
	}
	if sub == "install" {
		bin := "/go/bin"
		if v, ok := c.Var("GOBIN"); ok && v != "" {
			bin = v
		} else if v, ok := c.Var("GOPATH"); ok && v != "" {
			bin = v + "/bin"
		}
		return []Output{{Path: Resolve("/", bin) + "/" + name, Maybe: guess}}, pkgs
	}
	switch {
	case out == "":
		return []Output{{Path: Resolve(dir, name), Maybe: guess}}, pkgs
	case strings.HasSuffix(out, "/"):
		return []Output{{Path: Resolve(dir, out) + "/" + name, Maybe: guess}}, pkgs
	}
	return []Output{{Path: Resolve(dir, out)}}, pkgs
}

// cargoOutputs: target/<profile>/<bin> for build and rustc, next to the
// manifest (the binary's name is in Cargo.toml, so a glob unless --bin
// says it); cargo install puts binaries in --root, $CARGO_INSTALL_ROOT or
// $CARGO_HOME, under bin.
func cargoOutputs(c Command, sub string) []Output {
	var bins []string
	ws := c.Words
	for i := 1; i < len(ws); i++ {
		if ws[i].Value == "--bin" && i+1 < len(ws) {
			bins = append(bins, ws[i+1].Value)
		} else if v, ok := strings.CutPrefix(ws[i].Value, "--bin="); ok {
			bins = append(bins, v)
		}
	}
	if len(bins) == 0 {
		bins = []string{"*"}
	}
	var dir string
	if sub == "install" {
		root, ok := c.Option("--root")
		if !ok {
			root, ok = c.Var("CARGO_INSTALL_ROOT")
		}
		if !ok {
			if root, ok = c.Var("CARGO_HOME"); !ok {
				root = "/usr/local/cargo" // the rust image's CARGO_HOME
			}
		}
		dir = c.Path(root) + "/bin"
	} else {
		target, ok := c.Option("--target-dir")
		if !ok {
			if target, ok = c.Var("CARGO_TARGET_DIR"); !ok {
				target = "target"
			}
		}
		manifestDir := c.Dir
		if mp, ok := c.Option("--manifest-path"); ok {
			manifestDir = path.Dir(c.Path(mp))
		}
		dir = Resolve(manifestDir, target)
		if triple, ok := c.Option("--target"); ok {
			dir += "/" + triple
		}
		profile := "debug"
		switch {
		case c.Has("--release", "-r"):
			profile = "release"
		default:
			if pr, ok := c.Option("--profile"); ok && pr != "dev" {
				profile = pr
			}
		}
		dir += "/" + profile
	}
	out := make([]Output, 0, len(bins))
	for _, b := range bins {
		out = append(out, Output{Path: dir + "/" + b})
	}
	return out
}

// compilerOutput is the -o of a compiler call (a.out when none).
func compilerOutput(c Command) []Output {
	if c.Has("-c", "-E", "-S") {
		return nil // objects or preprocessed text next to the sources
	}
	if o, ok := c.Option("-o"); ok {
		return []Output{{Path: c.Path(o)}}
	}
	return nil
}

// makeOutputs: `make install` writes under DESTDIR+PREFIX; other targets
// write into the working directory (or -C DIR).
func makeOutputs(c Command, target string) []Output {
	dir := c.Dir
	if d, ok := c.Option("-C"); ok {
		dir = c.Path(d)
	}
	if target != "install" {
		return []Output{{Path: dir, Dir: true}}
	}
	prefix, destdir := "/usr/local", ""
	for _, name := range []string{"PREFIX", "prefix"} {
		if v, ok := c.Var(name); ok && v != "" {
			prefix = v
		}
	}
	if v, ok := c.Var("DESTDIR"); ok {
		destdir = v
	}
	for _, w := range c.Args() {
		k, v, ok := strings.Cut(w.Value, "=")
		switch {
		case !ok:
		case k == "PREFIX" || k == "prefix":
			prefix = v
		case k == "DESTDIR":
			destdir = v
		}
	}
	return []Output{{Path: Resolve("/", destdir+"/"+prefix), Dir: true}}
}

// pythonBuild reads python -m venv, python -m build, python setup.py.
func pythonBuild(c Command, b *Build, vals []string) bool {
	b.Ecosystem, b.Tool = Python, "python"
	ws := c.Words
	if len(ws) >= 3 && ws[1].Value == "-m" {
		switch ws[2].Value {
		case "venv", "virtualenv":
			b.Kind, b.Task, b.Label = Environment, ws[2].Value, "python -m "+ws[2].Value
			for _, w := range ws[3:] {
				if !strings.HasPrefix(w.Value, "-") {
					b.Outputs = []Output{{Path: c.Path(w.Value), Dir: true}}
					break
				}
			}
			return true
		case "build":
			b.Task, b.Label = "build", "python -m build"
			b.Outputs = []Output{{Path: c.Path("dist"), Dir: true}}
			return true
		case "pip":
			return pipBuild(c, b)
		}
		return false
	}
	if len(vals) >= 2 && path.Base(vals[0]) == "setup.py" {
		switch vals[1] {
		case "build", "bdist_wheel", "sdist", "build_ext", "install":
			b.Task, b.Label = vals[1], "python setup.py "+vals[1]
			return true
		}
	}
	return false
}

// pipBuild reads pip install --prefix/--target/--root (dependencies put in
// a directory of their own, to be copied) and pip wheel.
func pipBuild(c Command, b *Build) bool {
	b.Ecosystem, b.Tool = Python, "pip"
	vals := c.Values()
	if len(c.Words) >= 3 && c.Words[1].Value == "-m" {
		vals = vals[1:] // python -m pip ...
	}
	switch at(vals, 0) {
	case "wheel":
		b.Task, b.Label = "wheel", "pip wheel"
		dir := c.Dir
		if w, ok := c.Option("-w", "--wheel-dir"); ok {
			dir = c.Path(w)
		}
		b.Outputs = []Output{{Path: dir, Dir: true}}
		return true
	case "install":
		d, ok := c.Option("--prefix", "--target", "-t", "--root")
		if !ok {
			return false
		}
		b.Kind, b.Task, b.Label = Environment, "install", "pip install"
		b.Outputs = []Output{{Path: c.Path(d), Dir: true}}
		return true
	}
	return false
}

// BuildToolProgram reports whether an image whose program is name is a
// build tool's image (ENTRYPOINT ["make"], CMD ["mvn"]): a compiler or
// build system, not a package manager or framework CLI that also starts
// applications (npm start, dotnet app.dll, next start).
func BuildToolProgram(name string) bool {
	return buildTools()[name] && !appLaunchers()[name]
}

var appLaunchers = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Fields(`npm yarn pnpm bun npx bunx dotnet tsc webpack esbuild rollup parcel vite next ng
		nuxt nuxi astro remix svelte-kit react-scripts vue-cli-service mix virtualenv poetry uv swift crystal`) {
		m[t] = true
	}
	return m
})
