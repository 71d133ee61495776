package refactor

import (
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// stageFacts is what the split reads from a stage: its nodes with the
// comments above them, the working directory at each, the shell commands of
// its RUNs, the base image and what the image runs.
type stageFacts struct {
	f     *syntax.File
	m     *model.Model
	st    *model.Stage
	style style
	nodes []*bodyNode // the stage's instructions after FROM, in order
	base  baseInfo
	entry entryInfo
	// boundary is the index in nodes of the last RUN, COPY or ADD: runtime
	// settings after it cannot affect the build. -1 when there is none.
	boundary int
	// lastRun is the index of the last RUN: files copied after it are not
	// used by the build. -1 when there is none.
	lastRun int
	pkgs    []pkgInstall
}

// bodyNode is one instruction of the stage.
type bodyNode struct {
	i        int // position in stageFacts.nodes
	n        syntax.Node
	cmd      string        // upper-case keyword
	comments []syntax.Node // comment lines right above it (no blank line between)
	workdir  string        // the working directory the instruction runs in
	cmds     []cmdAt       // RUN only: its simple commands, unwrapped, cd excluded
	run      *facts.Run    // RUN only: the facts layer's reading
}

// span is the node with its comments, as whole lines.
func (b *bodyNode) span(text string) syntax.Range {
	return wholeLines(text, b.block())
}

// block is the node with its comments, from the first comment to the end
// of the instruction.
func (b *bodyNode) block() syntax.Range {
	r := b.n.Range()
	if len(b.comments) > 0 {
		r.Start = b.comments[0].Offset
	}
	return r
}

// cmdAt is a command of a RUN as the facts layer reads it, with the
// instruction it is in and, when it builds, the build step.
type cmdAt struct {
	facts.Command
	node  *bodyNode
	build *facts.Build // nil when the command does not build
}

// compiles reports whether the command compiles or bundles (a virtualenv
// is a build step of its own kind, not a compile).
func (c cmdAt) compiles() bool { return c.build != nil && c.build.Kind == facts.Compile }

// baseInfo describes the stage's base image.
type baseInfo struct {
	raw     string // as written
	value   string // global ARG defaults expanded
	ref     images.Ref
	match   images.Match
	known   bool   // match is set: a toolchain or full image of the table
	family  string // "debian", "ubuntu", "alpine", "" (unknown)
	suite   string // Debian suite or Ubuntu codename when known
	alpine  string // Alpine version, when the tag says it (3.20)
	workdir string // the image's own WORKDIR
}

// entryInfo is what the image runs.
type entryInfo struct {
	set       bool
	nodes     []*bodyNode // the ENTRYPOINT and CMD that are in effect
	words     []string    // the command line: ENTRYPOINT then CMD (exec form)
	shellForm bool        // one of them is in shell form: it needs /bin/sh
	prog      string      // the program actually run (through sh -c too)
	progArgs  []string
}

// pkgInstall is one package-manager install.
type pkgInstall struct {
	family string // "apt", "apk"
	names  []string
	node   *bodyNode
}

// readStage gathers the facts of a single-stage file.
func readStage(f *syntax.File, m *model.Model, st *model.Stage) *stageFacts {
	sf := &stageFacts{f: f, m: m, st: st, style: styleOf(f), boundary: -1, lastRun: -1}
	sf.base = readBase(st)
	// Nodes after FROM, with the comments right above each.
	var comments []syntax.Node
	lastEnd := -1
	for i := 0; i < f.Len(); i++ {
		n := f.Node(i)
		if n.Offset <= st.From.Offset {
			continue
		}
		if n.Offset > st.Range.End {
			break
		}
		if n.Kind() == syntax.KindComment {
			if len(comments) > 0 && blankBetween(f.Text, lastEnd, n.Offset) {
				comments = nil
			}
			comments = append(comments, n)
			lastEnd = n.Range().End
			continue
		}
		if len(comments) > 0 && blankBetween(f.Text, lastEnd, n.Offset) {
			comments = nil
		}
		b := &bodyNode{i: len(sf.nodes), n: n, cmd: n.Command(), comments: comments}
		comments = nil
		lastEnd = n.Range().End
		sf.nodes = append(sf.nodes, b)
	}
	wd := sf.base.workdir
	for _, b := range sf.nodes {
		b.workdir = wd
		switch b.cmd {
		case "WORKDIR":
			if args := b.n.Args(); len(args) > 0 {
				wd = sf.resolve(wd, sf.expand(args[0].Value, b.n.Offset))
			}
		case "RUN", "COPY", "ADD":
			sf.boundary = b.i
		}
		if b.cmd == "RUN" {
			sf.readRun(b)
			sf.lastRun = b.i
		}
	}
	sf.readEntry()
	return sf
}

// blankBetween reports whether a blank line separates offsets a (end of a
// node) and b (start of the next).
func blankBetween(text string, a, b int) bool {
	if a < 0 {
		return false
	}
	return strings.Count(normalizeEOL(text[a:b], "\n"), "\n") > 1
}

// finalWorkdir is the working directory at the end of the stage.
func (sf *stageFacts) finalWorkdir() string {
	wd := sf.base.workdir
	for _, b := range sf.nodes {
		if b.cmd == "WORKDIR" {
			if args := b.n.Args(); len(args) > 0 {
				wd = sf.resolve(wd, sf.expand(args[0].Value, b.n.Offset))
			}
		}
	}
	return wd
}

// resolve joins p to dir the way WORKDIR and cd do.
func (sf *stageFacts) resolve(dir, p string) string {
	if p == "" {
		return dir
	}
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, "$") {
		return path.Clean(p)
	}
	if strings.HasPrefix(p, "~") {
		return path.Join("/root", p[1:])
	}
	return path.Join(dir, p)
}

var varRef = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))`)
})

// expand replaces $NAME and ${NAME} with the value the stage gives NAME
// before off, when it has one; unknown variables are left as written.
func (sf *stageFacts) expand(s string, off int) string {
	if !strings.Contains(s, "$") {
		return s
	}
	return varRef().ReplaceAllStringFunc(s, func(ref string) string {
		m := varRef().FindStringSubmatch(ref)
		name := m[1] + m[2]
		if v, ok := sf.varValue(name, off); ok && !strings.Contains(v, "$") {
			return v
		}
		if name == "HOME" {
			return "/root"
		}
		return ref
	})
}

// varValue is the value of the last ENV or ARG with a value for name
// declared before off (global ARG defaults included).
func (sf *stageFacts) varValue(name string, off int) (string, bool) {
	val, found := "", false
	for _, v := range sf.m.VisibleAt(sf.st, off) {
		if v.Name == name && v.HasValue {
			val, found = unquote(v.Value), true
		}
	}
	return val, found
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// readRun takes a RUN's commands, packages and build steps from the facts
// layer.
func (sf *stageFacts) readRun(b *bodyNode) {
	b.run = facts.Of(sf.m).Run(b.n)
	if b.run == nil {
		return
	}
	for _, c := range b.run.Commands {
		if c.Name() == "cd" {
			continue
		}
		ca := cmdAt{Command: c, node: b}
		for _, bs := range b.run.Builds {
			if bs.Command.Range() == c.Range() {
				ca.build = bs
			}
		}
		b.cmds = append(b.cmds, ca)
	}
	for _, p := range b.run.Packages {
		if p.Op == facts.OpInstall && (p.Manager == facts.Apt || p.Manager == facts.Apk) && len(p.Names) > 0 {
			sf.pkgs = append(sf.pkgs, pkgInstall{family: string(p.Manager), names: p.PackageNames(), node: b})
		}
	}
}

// commands lists every RUN command of the stage in order.
func (sf *stageFacts) commands() []cmdAt {
	var out []cmdAt
	for _, b := range sf.nodes {
		out = append(out, b.cmds...)
	}
	return out
}

// readEntry takes the ENTRYPOINT and CMD in effect from the facts layer.
func (sf *stageFacts) readEntry() {
	st := facts.Of(sf.m).Stage(sf.st)
	if st == nil || !st.Program.Set {
		return
	}
	p := st.Program
	e := &sf.entry
	e.set, e.words, e.shellForm, e.prog, e.progArgs = true, p.Words, p.Shell, p.Name, p.Args
	for _, b := range sf.nodes {
		if p.HasEntrypoint && b.n.Same(p.Entrypoint) || p.HasCmd && b.n.Same(p.Cmd) {
			e.nodes = append(e.nodes, b)
		}
	}
}

// base is the last element of a path.
func base(p string) string {
	if i := strings.LastIndexByte(strings.TrimRight(p, "/"), '/'); i >= 0 {
		return strings.TrimRight(p[i+1:], "/")
	}
	return p
}

// isPath reports whether a program word names a file rather than a
// command looked up in PATH.
func isPath(p string) bool { return strings.Contains(p, "/") }

// entryPath is the absolute path of the program the image runs when it is
// given as a path, else "".
func (sf *stageFacts) entryPath() string {
	if !isPath(sf.entry.prog) {
		return ""
	}
	return sf.resolve(sf.finalWorkdir(), sf.entry.prog)
}

// readBase reads the stage's base image.
func readBase(st *model.Stage) baseInfo {
	b := baseInfo{raw: st.Base, value: st.BaseValue, workdir: "/"}
	b.ref = images.ParseRef(b.value)
	b.match, b.known = images.Lookup(b.value)
	tag := b.ref.Tag
	repo := b.ref.Repo
	switch {
	case strings.Contains(tag, "alpine") || repo == "alpine":
		b.family = "alpine"
		if m := alpineVersion().FindStringSubmatch(tag); m != nil {
			b.alpine = m[1]
		} else if repo == "alpine" && alpineTag().MatchString(tag) {
			b.alpine = alpineTag().FindString(tag)
		}
	case repo == "ubuntu" || hasWord(tag, "jammy", "focal", "noble", "bionic"):
		b.family = "ubuntu"
		for _, s := range []string{"jammy", "focal", "noble", "bionic"} {
			if hasWord(tag, s) {
				b.suite = s
			}
		}
	case repo == "debian" || images.DebianByDefault(repo) || strings.HasPrefix(repo, "mcr.microsoft.com/dotnet/"):
		b.family = "debian"
		b.suite = "bookworm"
		for _, s := range []string{"buster", "bullseye", "bookworm", "trixie"} {
			if hasWord(tag, s) {
				b.suite = s
			}
		}
	case repo == "maven" || repo == "gradle" || repo == "eclipse-temurin":
		b.family = "ubuntu"
	}
	switch repo {
	case "golang":
		b.workdir = "/go"
	case "gradle":
		b.workdir = "/home/gradle"
	}
	return b
}

var (
	alpineVersion = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`alpine(3\.[0-9]+)`) })
	alpineTag     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^3\.[0-9]+`) })
)

// hasWord reports whether one of the dash-separated parts of tag is w.
func hasWord(tag string, ws ...string) bool {
	for _, p := range strings.Split(tag, "-") {
		for _, w := range ws {
			if p == w {
				return true
			}
		}
	}
	return false
}

// copyDest is where a COPY or ADD puts its files, resolved; "" when unknown.
func (sf *stageFacts) copyDest(b *bodyNode) string {
	args := b.n.Args()
	if len(args) < 2 && len(b.n.Heredocs()) == 0 || len(args) == 0 {
		return ""
	}
	d := sf.expand(args[len(args)-1].Value, b.n.Offset)
	if strings.Contains(d, "$") {
		return ""
	}
	return sf.resolve(b.workdir, d)
}
