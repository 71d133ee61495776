package facts

import (
	"math"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/docs"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

var archive = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\.(tar|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst|lz4)$`)
})

// Presence is what the facts can tell of a path in a stage's filesystem.
type Presence int

const (
	// Unknown: the path may be there; the facts cannot tell.
	Unknown Presence = iota
	// Present: an instruction of the stage chain puts it there.
	Present
	// Absent: the base image cannot hold it, every RUN up to that point was
	// understood, and nothing the chain does can have written it.
	Absent
)

// Query narrows a Lookup.
type Query struct {
	// Before is a byte offset: only the instructions and commands of the
	// stage that start before it count (0 means the whole stage).
	Before int
	// ProjectFile: the path is one of the project's own files (a manifest,
	// a source); no base image holds those, wherever they would lie, unless
	// it is an ONBUILD image or one the image table does not know.
	ProjectFile bool
	// Context is the build context, when it is known: a COPY of a context
	// folder then holds only what the folder holds.
	Context *buildcontext.Context
}

// Lookup says whether the stage holds p (an absolute path; a glob is
// allowed in its last element), and for Present, the file that puts it
// there. Absent is claimed only when it is certain as far as the facts go:
// rules that report a missing file read it, so every doubt is Unknown.
func (s *Stage) Lookup(p string, q Query) (Presence, *File) {
	return s.lookup(p, q, 0)
}

// lookup is Lookup, depth stages deep in COPY --from sources (a cycle of
// stages copying from each other must end).
func (s *Stage) lookup(p string, q Query, depth int) (Presence, *File) {
	if depth > 8 {
		return Unknown, nil
	}
	before := q.Before
	if before <= 0 {
		before = math.MaxInt
	}
	if p == "" || strings.Contains(p, "$") || strings.ContainsAny(path.Dir(p), "*?[") {
		return Unknown, nil
	}
	p = path.Clean(p)
	if p == "/" {
		return Present, nil
	}
	chain := s.Chain()
	decidable := true
	var maybe *File
	for _, st := range chain {
		if st.Base.Kind == BaseStage && strings.Contains(st.Base.Written, "$") {
			decidable = false // a build argument picks the stage
		}
		limit := math.MaxInt
		if st == s {
			limit = before
		}
		for i, step := range st.Steps {
			if step.Node.Offset < limit && under(st.workdirAfter(i), p) && !strings.ContainsAny(p, "*?[") {
				return Present, nil // a WORKDIR made it (or a directory inside it)
			}
		}
		for _, f := range st.filesIn(q.Context) {
			if f.Node.Offset >= limit {
				continue
			}
			switch {
			case f.Path == p && !f.Maybe:
				return Present, f
			case under(f.Path, p) && !f.Maybe && !strings.ContainsAny(p, "*?["):
				return Present, f // a directory holding a file the stage puts there
			case mayHold(f, p, q, depth):
				maybe = f
			}
		}
		if !st.understoodBefore(limit) {
			decidable = false
		}
		if st.mayWrite(p, limit, q.Context) {
			return Unknown, nil
		}
	}
	if maybe != nil || !decidable || !baseLacks(chain[0].Base, p, q.ProjectFile) && !madeByWorkdir(chain, p) {
		return Unknown, nil
	}
	return Absent, nil
}

// mayHold reports whether file f may hold p: it is p, covers it, or is a
// copy whose source may be a directory whose content landed beside it.
func mayHold(f *File, p string, q Query, depth int) bool {
	if c := f.Copy; c != nil && q.Context != nil && contextLacks(q.Context, c, f.Source, p) {
		return false
	}
	if strings.ContainsAny(p, "*?[") {
		if ok, _ := path.Match(p, f.Path); ok {
			return true
		}
		p = path.Dir(p) + "/\x00" // any name in that directory
	}
	if f.Covers(p) && !copiedFile(f, p, q, depth) || f.Origin == Moved && under(p, f.Path) ||
		strings.Contains(f.Path, "$") && under(p, varDir(f.Path)) {
		return true
	}
	c := f.Copy
	if c == nil || !c.IntoDir || !maybeDir(c, f.Source, q, depth) {
		return false
	}
	return under(p, c.Dest)
}

// copiedFile reports whether f, a copy from another stage, is known to be a
// plain file there (a build output, a download), so that it holds nothing
// below it: `COPY --from=build /out/app /app` makes /app the program, and
// /app/server cannot exist. Copies from the context are left alone: a name
// like conf.d may well be a directory.
func copiedFile(f *File, p string, q Query, depth int) bool {
	c := f.Copy
	return c != nil && c.Source == FromStage && f.Origin == Copied && !f.Dir && f.Path != p && !maybeDir(c, f.Source, q, depth)
}

// contextLacks reports whether a COPY from a completely walked build
// context cannot have put p into the stage: none of the context paths it
// would come from exists (or all are excluded by .dockerignore).
func contextLacks(ctx *buildcontext.Context, c *Copy, src, p string) bool {
	if !ctx.Complete || c.Source != FromContext || c.Node.Command() != "COPY" || c.Parents ||
		strings.ContainsAny(src+p+c.Dest, "*?[$") {
		return false
	}
	for _, cand := range copyCandidates(c, src, p) {
		if ctx.Source(cand) != buildcontext.Absent {
			return false
		}
	}
	return true
}

// maybeDir reports whether a copy's source may be a directory, whose
// content a COPY puts into the destination itself.
func maybeDir(c *Copy, src string, q Query, depth int) bool {
	switch c.Source {
	case FromHeredoc, FromURL:
		return false
	case FromStage:
		if c.Stage != nil {
			if pr, f := c.Stage.lookup(src, Query{Context: q.Context}, depth+1); pr == Present && f != nil && !f.Dir && f.Origin != Copied && f.Origin != Moved {
				return false
			}
		}
		return true
	}
	base := path.Base(src)
	if c.Node.Command() == "ADD" && archive().MatchString(base) {
		return true // ADD extracts a local archive into the destination
	}
	// A context file with an extension (requirements.txt, app.jar) is a file.
	ext := path.Ext(base)
	return strings.ContainsAny(base, "*?[") || ext == "" || ext == base || len(ext) > 8
}

// varDir is p up to the directory holding its first unresolved variable
// (/out/app-$V → /out): a file whose name the facts cannot resolve may be
// any file there. Without a variable it is p.
func varDir(p string) string {
	i := strings.IndexByte(p, '$')
	if i < 0 {
		return p
	}
	if d := path.Dir(p[:i] + "x"); strings.HasPrefix(d, "/") {
		return d
	}
	return "" // relative or starting with a variable: anywhere
}

// under reports whether p is dir or lies inside it.
func under(p, dir string) bool {
	dir = strings.TrimSuffix(dir, "/")
	return p == dir || dir == "" || strings.HasPrefix(p, dir+"/")
}

// understoodBefore reports whether every command of the stage that starts
// before limit was understood, and the stage holds no ONBUILD.
func (s *Stage) understoodBefore(limit int) bool {
	for _, st := range s.Steps {
		if st.Node.Offset >= limit {
			break
		}
		if st.Node.Command() == "ONBUILD" {
			return false
		}
		if st.Run == nil {
			continue
		}
		for _, c := range st.Run.Unknown {
			if c.Range().Start < limit {
				return false
			}
		}
	}
	return true
}

// writes are the places the stage's understood commands may write besides
// the files the facts record: the project directory of a build or an
// install (a build writes intermediate files next to its outputs, an
// install may create .venv or vendor/bundle), the directories named in
// their environment (BUNDLE_PATH, PIP_TARGET), and every path operand of a
// command that is not known to leave its operands alone (find -exec cp,
// tee, gpg -o).
//
// A write under a cache or tmpfs mount of its RUN stays out of the image.
func (s *Stage) writes() []write {
	s.written.once.Do(func() {
		for _, st := range s.Steps {
			if st.Run == nil {
				continue
			}
			mounts := st.Run.Unlayered
			for i, c := range st.Run.Commands {
				for _, p := range commandWrites(c) {
					w := write{at: max(c.Range().Start, st.Node.Offset), path: p, mounts: mounts}
					if p == c.Dir && nodeProjectStep(c) {
						w.cmd, w.node = &st.Run.Commands[i], st.Node
					}
					s.written.list = append(s.written.list, w)
				}
			}
		}
	})
	return s.written.list
}

// mayWrite reports whether a command of the stage that starts before limit
// may have written p (or a directory holding it, or a path inside it).
// With the build context known, the project directory of a Node build or
// install whose package.json (and the tools' configuration) settles what
// it writes gives way to those paths.
func (s *Stage) mayWrite(p string, limit int, ctx *buildcontext.Context) bool {
	for _, w := range s.writes() {
		if w.at >= limit || underAny(p, w.mounts) {
			continue
		}
		paths := []string{w.path}
		if w.cmd != nil && ctx != nil {
			if settled, ok := s.nodeStepWrites(*w.cmd, w.node, ctx); ok {
				paths = settled
			}
		}
		for _, wp := range paths {
			if under(p, wp) || under(wp, p) {
				return true
			}
		}
	}
	return false
}

// MountedOver returns the step of the stage's chain whose RUN mounts a cache
// or tmpfs over p, the mount's target and its type: what that RUN writes at
// p is not in the image.
func (s *Stage) MountedOver(p string) (step *Step, target, typ string, ok bool) {
	for _, st := range s.Chain() {
		for _, step := range st.Steps {
			if step.Run == nil {
				continue
			}
			for _, t := range step.Run.Unlayered {
				if under(p, t) {
					return step, t, mountType(step, t), true
				}
			}
		}
	}
	return nil, "", "", false
}

// mountType is the type of the unlayered mount of step's RUN at target.
func mountType(step *Step, target string) string {
	for _, typ := range docs.UnlayeredMountTypes() {
		for _, t := range MountTargets(step.Node, typ) {
			if Resolve(step.Workdir, t) == target {
				return typ
			}
		}
	}
	return ""
}

// underAny reports whether p lies in one of dirs.
func underAny(p string, dirs []string) bool {
	for _, d := range dirs {
		if under(p, d) {
			return true
		}
	}
	return false
}

// writeList is a stage's writes, read once (Lookup may run on several
// goroutines: diagnostics, hover and completion share the facts).
type writeList struct {
	once sync.Once
	list []write
}

// write is a path a command may write, and the offset of the command.
type write struct {
	at   int
	path string
	// mounts are its RUN's cache and tmpfs mount targets: what is written
	// there stays out of the image.
	mounts []string
	// For the project directory of a Node build or install: the command
	// and its RUN, for writesIn.
	cmd  *Command
	node syntax.Node
}

func commandWrites(c Command) []string {
	name := c.Name()
	if readOnly()[name] {
		return nil
	}
	var out []string
	project := false
	if b, ok := ReadBuild(c); ok {
		project = !(b.Tool == "go" || b.Task == "") || !exactOutputs(b)
	} else if p, ok := ParsePackage(c.Command); ok {
		switch p.Manager {
		case Apt, Apk, Dnf, Zypper:
			project = p.Sub.Value == "download" || p.Sub.Value == "source" || p.Sub.Value == "fetch"
		default:
			project = true
		}
	} else if d, ok := ReadDependency(c); ok {
		project = d.Ecosystem != Go && d.Ecosystem != Rust // go mod download, cargo fetch fill caches only
	} else if quiet[name] {
		project = !harmless()[name]
	}
	if project {
		out = append(out, c.Dir)
		for _, n := range c.Env.Names() {
			if v, ok := c.Var(n); ok {
				out = append(out, absolutePaths(v)...)
			}
		}
		for _, a := range c.Assignments {
			if _, v, ok := strings.Cut(a.Value, "="); ok {
				out = append(out, absolutePaths(v)...)
			}
		}
	}
	for _, w := range c.Args() {
		v := w.Value
		if strings.HasPrefix(v, "-") {
			_, val, ok := strings.Cut(v, "=")
			if !ok {
				continue
			}
			v = val
		}
		if v != "" && !strings.Contains(v, "://") {
			out = append(out, varDir(c.Path(v))) // tee x, touch-like tools, -o x
		}
	}
	return out
}

func exactOutputs(b *Build) bool {
	for _, o := range b.Outputs {
		if o.Dir || o.Maybe || strings.ContainsAny(o.Path, "*?[") {
			return false
		}
	}
	return len(b.Outputs) > 0
}

// absolutePaths are the absolute paths in an environment value (PATH-like
// lists split).
func absolutePaths(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ":") {
		if strings.HasPrefix(p, "/") && p != "/" {
			out = append(out, path.Clean(p))
		}
	}
	return out
}

// readOnly are commands that create no path named by their operands.
var readOnly = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(`chmod chown chgrp rm rmdir ls cat grep test [ [[ echo printf which command type
		stat sha256sum sha512sum md5sum sed awk head tail wc sort uniq cut tr true false : set export unset sleep id
		whoami env printenv pwd uname date useradd adduser groupadd addgroup usermod userdel exit return file du df
		ldd readlink realpath dirname basename ldconfig update-ca-certificates apt-mark dpkg-query`) {
		m[c] = true
	}
	return m
})

// harmless are quiet commands that write nothing in the working directory.
var harmless = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for name := range quiet {
		m[name] = true
	}
	for _, c := range strings.Fields(`go cargo npm yarn pnpm bun rustup dotnet mix make xx-go xx-cargo corepack gpg xargs find`) {
		m[c] = false
	}
	return m
})

// fhs are the top-level directories a distribution (and so any image
// built on one) populates, and the few others that images of the table use
// for their own files.
var fhs = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, d := range strings.Fields(`bin boot dev etc home lib lib32 lib64 libx32 media mnt opt proc root run sbin srv
		sys tmp usr var go nodejs busybox ko-app kaniko`) {
		m[d] = true
	}
	return m
})

// baseLacks reports whether the base image certainly lacks p: scratch
// lacks everything; an image the table knows lacks the project's files and
// anything under a top-level directory of its own that is not a system one
// (/app, /out, /build), which only the Dockerfile creates.
func baseLacks(b Base, p string, projectFile bool) bool {
	switch b.Kind {
	case BaseScratch:
		return true
	case BaseUnknown, BaseStage:
		return false
	}
	if strings.Contains(strings.ToLower(b.Value), "onbuild") {
		return false
	}
	if projectFile {
		return true
	}
	if name := path.Base(p); (shell.IsShell(name) || name == "busybox") && images.LacksShell(b.Value) {
		return true
	}
	top := topDir(p)
	if top == "" || fhs()[top] || top == topDir(b.Image.Workdir) {
		return false
	}
	for _, d := range strings.Split(b.Image.Path, ":") {
		if top == topDir(d) {
			return false
		}
	}
	return true
}

// topDir is the first element of an absolute path: /app/x → app.
func topDir(p string) string {
	p = strings.TrimPrefix(path.Clean(p), "/")
	top, _, _ := strings.Cut(p, "/")
	return top
}

// madeByWorkdir reports whether p lies in an application directory that a
// WORKDIR of the chain created under a system one (/usr/src/app, /opt/app,
// /home/app/src): a base image the table knows has nothing there.
func madeByWorkdir(chain []*Stage, p string) bool {
	b := chain[0].Base
	if b.Kind == BaseUnknown || strings.Contains(strings.ToLower(b.Value), "onbuild") {
		return false
	}
	for _, s := range chain {
		for i, st := range s.Steps {
			if st.Node.Command() != "WORKDIR" {
				continue
			}
			w := s.workdirAfter(i)
			if strings.Contains(w, "$") || !under(p, w) || under(b.Image.Workdir, w) {
				continue
			}
			for _, sys := range []string{"/usr/src/", "/opt/", "/srv/", "/home/"} {
				if strings.HasPrefix(w, sys) && len(w) > len(sys) {
					return true
				}
			}
		}
	}
	return false
}

// workdirAfter is the working directory once step i has run.
func (s *Stage) workdirAfter(i int) string {
	if i+1 < len(s.Steps) {
		return s.Steps[i+1].Workdir
	}
	return s.end.wd
}
