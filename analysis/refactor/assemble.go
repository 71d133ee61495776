package refactor

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// assemble and its helpers write a split plan as text: the build stage is
// the original stage minus what moves, the runtime stage is generated
// lines plus the moved instructions with their comments.

// role says where a body node goes.
type role int

const (
	stay role = iota // build stage only
	move             // runtime stage only
	dup              // both: it shapes the build and the runtime image
	drop             // runtime stage, commented out with the reason
)

// buildOnlyEnv are variables that only steer a build.
var buildOnlyEnv = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(CGO_ENABLED|GO[A-Z0-9_]*|CARGO_[A-Z_]*|RUSTFLAGS|RUSTUP_[A-Z_]*|MAVEN_[A-Z_]*|GRADLE_[A-Z_]*|DOTNET_CLI_TELEMETRY_OPTOUT|DOTNET_NOLOGO|DOTNET_SKIP_FIRST_TIME_EXPERIENCE|NUGET_[A-Z_]*|(?i:npm_config_[a-z_]*)|YARN_[A-Z_]*|PIP_[A-Z_]*|POETRY_[A-Z_]*|PIPENV_[A-Z_]*|UV_[A-Z_]*|DEBIAN_FRONTEND|CC|CXX|CFLAGS|CXXFLAGS|CPPFLAGS|LDFLAGS|PKG_CONFIG_PATH|MAKEFLAGS|JAVA_TOOL_OPTIONS_BUILD)$`)
})

// roles classifies the body nodes.
func (sf *stageFacts) roles(p *plan) []role {
	roles := make([]role, len(sf.nodes))
	lastUser := -1
	for _, b := range sf.nodes {
		if b.cmd == "USER" {
			lastUser = b.i
		}
	}
	for _, b := range sf.nodes {
		after := b.i > sf.boundary
		r := stay
		switch b.cmd {
		case "EXPOSE", "LABEL", "VOLUME", "HEALTHCHECK", "STOPSIGNAL", "ENTRYPOINT", "CMD", "ONBUILD", "MAINTAINER":
			r = move
		case "ARG", "WORKDIR", "SHELL":
			if after {
				r = move
			}
		case "ENV":
			switch {
			case after:
				r = move
			case !p.noDupEnv && !sf.buildOnlyEnvNode(b):
				r = dup
			}
		case "USER":
			switch {
			case after:
				r = move
			case b.i == lastUser && !p.noUser:
				r = dup
			}
		case "COPY", "ADD":
			// Files copied after the last RUN serve only the running
			// image (a configuration, a script), unless the runtime stage
			// copies them with the build's output already; the whole
			// context never goes into the runtime image.
			if b.i > sf.lastRun && sf.lastRun >= 0 {
				if d := sf.copyDest(b); d != "" && d != "/" && !sf.coveredBy(p, d) && !sf.copiesWholeContext(b) {
					r = move
				}
			}
		}
		if _, ok := p.drop[b.i]; ok {
			r = drop
		}
		if r == move && b.cmd == "USER" && p.noUser {
			r = drop
			p.dropNode(b.i, "not applied: nginx runs as its own user")
		}
		roles[b.i] = r
	}
	return roles
}

func (sf *stageFacts) buildOnlyEnvNode(b *bodyNode) bool {
	for _, v := range sf.st.Vars {
		if v.Node.Offset == b.n.Offset && !buildOnlyEnv().MatchString(v.Name) {
			return false
		}
	}
	return true
}

const (
	buildName   = "build"
	runtimeName = "runtime"
)

// names are the build and runtime stage names: the stage keeps its name.
func (sf *stageFacts) names() (string, string) {
	b := buildName
	if sf.st.Name != "" {
		b = sf.st.Name
	}
	r := runtimeName
	if b == r {
		r = "app"
	}
	return b, r
}

// assemble writes the split file.
func (sf *stageFacts) assemble(p *plan) (string, []analysis.Edit, []Placeholder) {
	text := sf.f.Text
	st := sf.style
	eol := st.eol
	roles := sf.roles(p)
	bname, rname := sf.names()
	b := newBuilder(text)

	// A build stage that cross-compiles runs on the build platform.
	if p.buildPlatform {
		kw := sf.st.From.Keyword().Range.End
		b.keepTo(kw)
		b.insert(" --platform=$BUILDPLATFORM")
	}
	// The FROM line gets its name.
	if sf.st.Name == "" {
		b.keepTo(sf.st.BaseRange.End)
		b.insert(" " + st.kw("AS") + " " + bname)
	}

	// The build stage: everything but what moves, plus the recipe's lines.
	// The text between nodes (blank lines, comments that belong to no
	// instruction) stays when it has a comment or leads to a kept node; a
	// comment among the moved instructions at the end of the stage (a
	// section header, a last remark) moves with them.
	cursor := wholeLines(text, sf.st.From.Range()).End
	type gap struct {
		r          syntax.Range
		keep, move bool
	}
	gaps := make([]gap, len(sf.nodes))
	keptAfter := make([]bool, len(sf.nodes)+1)
	for i := len(sf.nodes) - 1; i >= 0; i-- {
		keptAfter[i] = keptAfter[i+1] || roles[i] != move && roles[i] != drop
	}
	endBuild := cursor
	for _, n := range sf.nodes {
		span := n.span(text)
		g := gap{r: syntax.Range{Start: cursor, End: span.Start}}
		kept := roles[n.i] != move && roles[n.i] != drop
		switch {
		case strings.TrimSpace(text[g.r.Start:g.r.End]) == "":
			g.keep = kept
		case !keptAfter[n.i]:
			g.move = true
		default:
			g.keep = true
			endBuild = max(endBuild, wholeLines(text, syntax.Range{Start: lastContent(text, g.r), End: lastContent(text, g.r)}).End)
		}
		gaps[n.i] = g
		if kept {
			endBuild = span.End
		}
		cursor = span.End
	}
	// Comment lines after the last instruction go with it.
	trailing := ""
	if rest := (syntax.Range{Start: cursor, End: len(text)}); strings.TrimSpace(text[rest.Start:rest.End]) != "" {
		if last := len(sf.nodes) - 1; last >= 0 && (roles[last] == move || roles[last] == drop) {
			trailing = gapComments(text, rest, eol)
		} else {
			endBuild = wholeLines(text, syntax.Range{Start: lastContent(text, rest), End: lastContent(text, rest)}).End
		}
	}
	for _, n := range sf.nodes {
		span := n.span(text)
		g := gaps[n.i]
		if g.keep {
			b.keepTo(min(g.r.End, endBuild))
		} else {
			b.skipTo(g.r.End)
		}
		if lines := p.buildBefore[n.i]; len(lines) > 0 {
			b.keepTo(span.Start)
			b.insert(strings.Join(lines, ""))
		}
		if roles[n.i] == move || roles[n.i] == drop || p.hoisted[n.i] {
			b.skipTo(span.End)
			continue
		}
		for _, in := range p.buildInserts {
			if in.at >= span.Start && in.at < span.End {
				b.keepTo(in.at)
				b.insert(in.text)
			}
		}
		b.keepTo(span.End)
		if lines := p.buildAfter[n.i]; len(lines) > 0 {
			if !strings.HasSuffix(text[:span.End], "\n") && !strings.HasSuffix(text[:span.End], "\r") {
				b.insert(eol)
			}
			b.insert(strings.Join(lines, ""))
		}
	}
	b.keepTo(endBuild)
	if out := b.out.String(); out != "" && !strings.HasSuffix(out, "\n") && !strings.HasSuffix(out, "\r") {
		b.insert(eol)
	}
	b.skipTo(len(text))
	b.insert(eol)

	// The runtime stage.
	from := st.kw("FROM") + " "
	if pl, ok := sf.st.From.Flag("platform"); ok && !strings.Contains(pl.Value, "BUILDPLATFORM") {
		from += text[pl.Range.Start:pl.Range.End] + " "
	}
	b.insert(from + p.rt.ref + " " + st.kw("AS") + " " + rname + eol)
	for _, n := range sf.argsNeeded(p, roles) {
		b.insert(linesText(text, n.n.Range(), eol) + eol)
	}
	for _, note := range append(p.notes, sf.afterBuildNote(p, roles)...) {
		b.insert(commentOut(note, eol) + eol)
	}
	if wd := sf.runtimeWorkdir(p, roles); wd != "" {
		b.insert(st.line("WORKDIR", wd))
	}
	for _, n := range sf.nodes {
		if roles[n.i] == dup && n.cmd == "ENV" {
			b.insert(linesText(text, n.n.Range(), eol) + eol)
		}
	}
	for _, l := range p.runtimeEnv {
		b.insert(l)
	}
	if !p.noPackages {
		sf.insertPackages(b, p)
	}
	for _, l := range p.runtimeSetup {
		b.insert(l)
	}
	if !p.noUser {
		sf.insertUserSetup(b, p, roles)
	}
	for _, c := range p.copies {
		if c.comment != "" {
			b.insert(commentOut(c.comment, eol) + eol)
		}
		b.insert(st.kw("COPY") + " --from=" + bname + " ")
		if c.placeholder {
			b.placeholder(c.src)
		} else {
			b.insert(c.src)
		}
		b.insert(" " + c.dst + eol)
	}
	for _, l := range p.afterCopies {
		b.insert(l)
	}
	for _, n := range sf.nodes {
		if roles[n.i] == dup && n.cmd == "USER" {
			b.insert(linesText(text, n.n.Range(), eol) + eol)
		}
	}
	for _, n := range sf.nodes {
		switch roles[n.i] {
		case move:
			if gaps[n.i].move {
				b.insert(gapComments(text, gaps[n.i].r, eol))
			}
			b.insert(linesText(text, n.block(), eol) + eol)
		case drop:
			if gaps[n.i].move {
				b.insert(gapComments(text, gaps[n.i].r, eol))
			}
			for _, c := range n.comments {
				b.insert(linesText(text, c.Range(), eol) + eol)
			}
			b.insert(commentOut(p.drop[n.i]+":", eol) + eol)
			b.insert(commentOut(linesText(text, n.n.Range(), eol), eol) + eol)
		}
	}
	b.insert(trailing)
	return b.finish(false)
}

// gapComments is the comment lines of a gap between nodes, each ending in
// eol, blank lines dropped.
func gapComments(text string, r syntax.Range, eol string) string {
	var b strings.Builder
	for _, l := range strings.Split(normalizeEOL(text[r.Start:r.End], "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			b.WriteString(l + eol)
		}
	}
	return b.String()
}

// lastContent is the offset of the last non-blank byte of r.
func lastContent(text string, r syntax.Range) int {
	e := r.End
	for e > r.Start && strings.ContainsRune(" \t\r\n", rune(text[e-1])) {
		e--
	}
	return max(e-1, r.Start)
}

// runtimeWorkdir is the WORKDIR the runtime stage starts with: the one the
// build ends in, unless the moved instructions set an absolute one first.
func (sf *stageFacts) runtimeWorkdir(p *plan, roles []role) string {
	if p.workdir == "-" {
		return ""
	}
	if p.workdir != "" {
		return p.workdir
	}
	wd := sf.base.workdir
	for _, n := range sf.nodes {
		if n.cmd != "WORKDIR" || len(n.n.Args()) == 0 {
			continue
		}
		if roles[n.i] == move {
			if strings.HasPrefix(n.n.Args()[0].Value, "/") {
				return "" // the runtime stage sets its own
			}
			break
		}
		wd = sf.resolve(wd, sf.expand(n.n.Args()[0].Value, n.n.Offset))
	}
	if wd == "/" {
		return ""
	}
	return wd
}

// argsNeeded are the stage's ARGs that runtime lines refer to.
func (sf *stageFacts) argsNeeded(p *plan, roles []role) []*bodyNode {
	var texts []string
	for _, n := range sf.nodes {
		if roles[n.i] == move || roles[n.i] == dup {
			texts = append(texts, n.n.Text())
		}
	}
	for _, c := range p.copies {
		texts = append(texts, c.src)
	}
	all := strings.Join(texts, "\n")
	var out []*bodyNode
	for _, n := range sf.nodes {
		if n.cmd != "ARG" || roles[n.i] != stay {
			continue
		}
		for _, v := range sf.st.Vars {
			if v.Node.Offset == n.n.Offset && v.Kind == model.VarArg && refersTo(all, v.Name) {
				out = append(out, n)
				break
			}
		}
	}
	return out
}

// refersTo reports whether text uses $name or ${name...}.
func refersTo(text, name string) bool {
	for _, m := range varRef().FindAllStringSubmatch(text, -1) {
		if m[1] == name || m[2] == name {
			return true
		}
	}
	return false
}

// insertPackages installs in the runtime stage the packages the build
// installed that the program may need: the run-time libraries of -dev
// packages and anything that is not a build tool.
func (sf *stageFacts) insertPackages(b *textBuilder, p *plan) {
	fam := p.rt.family
	if fam == "" {
		return
	}
	pkgs, unknown := sf.runtimePackages(fam, p.rt.has)
	for _, x := range p.packages {
		if !p.rt.has[x] && !contains(pkgs, x) {
			pkgs = append(pkgs, x)
		}
	}
	if len(pkgs) > 0 {
		b.insert(commentOut("packages the program needs at run time", sf.style.eol) + sf.style.eol)
		b.insert(sf.style.installLine(fam, pkgs))
	}
	if len(unknown) > 0 {
		b.insert(commentOut("the build installed "+strings.Join(unknown, ", ")+": install the run-time libraries the program links against here", sf.style.eol) + sf.style.eol)
	}
}

// runtimeUser is the user the image runs as (the last USER), and whether
// the runtime image has to create it.
func (sf *stageFacts) runtimeUser(rt runtimeImage) (string, bool) {
	user := ""
	for _, n := range sf.nodes {
		if n.cmd == "USER" && len(n.n.Args()) > 0 {
			user = n.n.Args()[0].Value
		}
	}
	name, _, _ := strings.Cut(user, ":")
	if name == "" || strings.Contains(name, "$") || strings.Trim(name, "0123456789") == "" || rt.users[name] {
		return name, false
	}
	return name, true
}

var userCommands = map[string]bool{"useradd": true, "adduser": true, "groupadd": true, "addgroup": true, "usermod": true}

// insertUserSetup creates the image's user in the runtime stage: the
// build's RUN that creates it when that RUN does nothing else, else a
// generated one.
func (sf *stageFacts) insertUserSetup(b *textBuilder, p *plan, roles []role) {
	user, need := sf.runtimeUser(p.rt)
	if !need {
		return
	}
	for _, n := range sf.nodes {
		if n.cmd != "RUN" || len(n.cmds) == 0 {
			continue
		}
		only, creates := true, false
		for _, c := range n.cmds {
			if !userCommands[c.Name()] {
				only = false
			}
			for _, w := range c.Words[1:] {
				if w.Value == user {
					creates = true
				}
			}
		}
		if only && creates {
			b.insert(linesText(sf.f.Text, n.n.Range(), sf.style.eol) + sf.style.eol)
			return
		}
	}
	eol := sf.style.eol
	b.insert(commentOut("the image runs as "+user+", which the runtime image does not have", eol) + eol)
	if p.rt.family == "apk" {
		b.insert(sf.style.line("RUN", "addgroup -S "+user+" && adduser -S -G "+user+" "+user))
	} else {
		b.insert(sf.style.line("RUN", "groupadd --system "+user+" && useradd --system --gid "+user+" --create-home "+user))
	}
}

// afterBuildNote warns about RUNs after the last build command that stay in
// the build stage: set-up the running image may have needed (a compiled
// program's runtime stage copies only the program).
func (sf *stageFacts) afterBuildNote(p *plan, roles []role) []string {
	if p.recipe == "python" || p.recipe == "node-server" || p.recipe == "node-static" {
		return nil // the application directory is copied whole
	}
	last := -1
	for _, n := range sf.nodes {
		for _, c := range n.cmds {
			if c.compiles() {
				last = n.i
			}
		}
	}
	if last < 0 {
		return nil
	}
	var progs []string
	count := 0
	for _, n := range sf.nodes[last+1:] {
		if n.cmd != "RUN" || roles[n.i] != stay {
			continue
		}
		count++
		for _, c := range n.cmds {
			if name := c.Name(); !contains(progs, name) && len(progs) < 4 {
				progs = append(progs, name)
			}
		}
	}
	if count == 0 {
		return nil
	}
	what := "1 RUN"
	if count > 1 {
		what = strconv.Itoa(count) + " RUNs"
	}
	return []string{"TODO(dockerfile-lsp): the build stage has " + what + " after the build (" + strings.Join(progs, ", ") +
		"); repeat here what the running image needs from them"}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
