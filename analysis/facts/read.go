package facts

import (
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/docs"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// reader reads one stage.
type reader struct {
	f    *Facts
	s    *Stage
	sc   scope
	wd   string
	user string
	refs map[int]*model.Ref // COPY --from references by node offset
}

func (f *Facts) read(s *Stage) {
	st := s.Model
	r := &reader{f: f, s: s}
	r.readBase()
	for _, ref := range f.Model.Refs {
		if ref.Owner == st && ref.Kind == model.RefCopyFrom && !ref.OnBuild {
			if r.refs == nil {
				r.refs = map[int]*model.Ref{}
			}
			r.refs[ref.Node.Offset] = ref
		}
	}
	steps := make([]Step, len(st.Body)) // one allocation for all steps
	s.Steps = make([]*Step, 0, len(st.Body))
	mem := f.mem
	work := &mem.stage
	s.Files, s.Builds, s.Packages, s.Copies = work.files[:0], work.builds[:0], work.packages[:0], work.copies[:0]
	mem.spans = mem.spans[:0]
	for i, n := range st.Body {
		r.step(&steps[i], n)
	}
	work.files, work.builds, work.packages, work.copies = s.Files, s.Builds, s.Packages, s.Copies
	s.Files, s.Builds = keep(&mem.filePtrs, s.Files), keep(&mem.buildPtrs, s.Builds)
	s.Packages, s.Copies = keep(&mem.packagePtrs, s.Packages), keep(&mem.copyPtrs, s.Copies)
	for _, sp := range mem.spans {
		run := sp.run
		run.Creates = cut(s.Files, sp.files, len(run.Creates))
		run.Builds = cut(s.Builds, sp.builds, len(run.Builds))
		run.Packages = cut(s.Packages, sp.packages, len(run.Packages))
	}
	s.end = state{wd: r.wd, user: r.user, sc: r.sc}
	r.readProgram()
}

func (r *reader) refOf(n syntax.Node) *model.Ref { return r.refs[n.Offset] }

// readBase reads FROM and starts the state from the base image or stage.
func (r *reader) readBase() {
	st, s := r.s.Model, r.s
	b := &s.Base
	b.Written, b.Value = st.Base, st.BaseValue
	b.Platform = platformOf(st.Platform)
	r.sc = scope{}
	switch {
	case st.Parent != nil && r.f.Stage(st.Parent) != nil:
		p := r.f.Stage(st.Parent)
		b.Kind, b.Stage, b.Image = BaseStage, p, p.Base.Image
		r.wd, r.user, r.sc = p.end.wd, p.end.user, p.end.sc
		s.Complete = p.Complete
		return
	case strings.EqualFold(b.Value, "scratch"):
		b.Kind, b.Image = BaseScratch, images.Classify("scratch")
	default:
		if base := r.f.mem.image(b.Value); base.ok {
			b.Ref = &base.ref
			b.Image = base.image
			b.Kind = kindOf(b.Image.Class)
		}
	}
	r.wd, r.user = b.Image.Workdir, b.Image.User
	if r.wd == "" {
		r.wd = "/"
	}
	if b.Image.Path != "" {
		r.sc.env = r.sc.env.with(r.f.mem, "PATH", b.Image.Path)
	}
}

// state is where a stage ends, for a stage built on it.
type state struct {
	wd, user string
	sc       scope
}

// step reads one instruction.
func (r *reader) step(st *Step, n syntax.Node) {
	*st = Step{Node: n, Workdir: r.wd, User: r.user, Env: r.sc.env, BuildArgs: r.sc.args}
	r.s.Steps = append(r.s.Steps, st)
	switch n.Command() {
	case "WORKDIR":
		if args := r.args(n); len(args) > 0 {
			r.wd = Resolve(r.wd, r.sc.expand(args[0].Value))
		}
	case "USER":
		if args := r.args(n); len(args) > 0 {
			r.user = r.sc.expand(args[0].Value)
		}
	case "ENV":
		for _, v := range r.s.Model.Vars {
			if v.Node.Offset == n.Offset && v.Kind == model.VarEnv {
				r.sc.env = r.sc.env.with(r.f.mem, v.Name, r.sc.expand(unquote(v.Value)))
			}
		}
	case "ARG":
		for _, v := range r.s.Model.Vars {
			if v.Node.Offset != n.Offset || v.Kind != model.VarArg {
				continue
			}
			switch {
			case v.HasValue:
				r.sc.setArg(r.f.mem, v.Name, r.sc.expand(unquote(v.Value)), true)
			case r.globalDefault(v.Name) != nil:
				g := r.globalDefault(v.Name)
				r.sc.setArg(r.f.mem, v.Name, unquote(g.Value), !strings.Contains(g.Value, "$"))
			default:
				r.sc.setArg(r.f.mem, v.Name, "", false)
			}
		}
	case "COPY", "ADD":
		c := r.readCopy(st)
		r.s.Copies = append(r.s.Copies, c)
		for _, src := range c.Sources {
			f := r.f.mem.files.new()
			*f = copyFile(c, src)
			r.s.Files = append(r.s.Files, f)
		}
	case "RUN":
		st.Run = r.readRun(st)
		r.f.runs = append(r.f.runs, st.Run)
	}
}

// args are n's arguments, in an array reused for the next instruction: a
// reader keeps their values, never the slice.
func (r *reader) args(n syntax.Node) []syntax.Word {
	mem := r.f.mem
	mem.args = n.AppendArgs(mem.args[:0])
	return mem.args
}

func (r *reader) globalDefault(name string) *model.Var {
	var found *model.Var
	for _, g := range r.f.Model.GlobalArgs {
		if g.Name == name && g.HasValue {
			found = g
		}
	}
	return found
}

// Run is what a RUN instruction does.
type Run struct {
	Node     syntax.Node
	Commands []Command // unwrapped, in order; cd commands included
	Packages []*Package
	Builds   []*Build
	Creates  []*File // the paths the RUN writes into the image
	Cleanup  Cleanup
	// Unlayered are the targets of the RUN's cache and tmpfs mounts,
	// absolute: what the RUN writes there is not in the image (a build
	// whose output lies in a cached target/ directory produced nothing the
	// next stage can copy).
	Unlayered []string
	// Unknown are the commands whose effect on the filesystem is not known
	// (a script, a program the facts do not model).
	Unknown []Command
}

// Understood reports whether every command of the RUN was understood.
func (r *Run) Understood() bool { return len(r.Unknown) == 0 }

func (r *reader) readRun(st *Step) *Run {
	run := r.f.mem.runs.new()
	run.Node = st.Node
	parsed := shell.Parse(st.Node)
	if parsed == nil {
		return run
	}
	cwd := st.Workdir
	mem := r.f.mem
	run.Commands = mem.commands.take(len(parsed.Commands))[:0]
	// The RUN's lists are appended to its stage's, and cut from them once
	// the stage's are kept (Facts.read).
	s := r.s
	span := runSpan{run: run, files: len(s.Files), builds: len(s.Builds), packages: len(s.Packages)}
	run.Creates, run.Builds, run.Packages, run.Unknown = s.Files, s.Builds, s.Packages, mem.unknown[:0]
	for i := range parsed.Commands {
		sc := &parsed.Commands[i]
		if u := sc.Unwrapped(); len(u.Words) != len(sc.Words) { // sudo, env...: unwrapping drops words
			sc = mem.unwrapped.new()
			*sc = u
		}
		if len(sc.Words) == 0 {
			continue
		}
		run.Commands = append(run.Commands, Command{Command: sc, Offset: st.Node.Offset, Dir: cwd, Env: st.Env, BuildArgs: st.BuildArgs})
		c := &run.Commands[len(run.Commands)-1]
		if sc.Name() == "cd" {
			if len(sc.Words) == 2 {
				cwd = Resolve(cwd, r.sc.expand(sc.Words[1].Value))
			}
			continue
		}
		r.command(run, c)
	}
	if run.Unlayered = r.unlayered(st); run.Unlayered != nil {
		run.Creates = dropUnder(run.Creates, span.files, run.Unlayered)
	}
	s.Files, s.Builds, s.Packages = run.Creates, run.Builds, run.Packages
	run.Creates, run.Builds, run.Packages = run.Creates[span.files:], run.Builds[span.builds:], run.Packages[span.packages:]
	mem.spans = append(mem.spans, span)
	mem.unknown, run.Unknown = run.Unknown, keep(&mem.commands, run.Unknown)
	run.Cleanup = readCleanup(run.Commands, run.Packages)
	for _, p := range run.Packages {
		if p.Op != OpInstall || len(p.Names) == 0 && !run.Cleanup.AutoRemove && !run.Cleanup.Computed {
			continue
		}
		p.Removed = true
		for _, name := range p.PackageNames() {
			if !run.Cleanup.Removes(p, name) {
				p.Removed = false
			}
		}
	}
	if !run.Understood() {
		s.Complete = false
	}
	return run
}

// unlayered are the absolute targets of a RUN's cache and tmpfs mounts (a
// relative target lies in the WORKDIR); a target the file leaves to a
// variable counts as none, so that nothing is taken for absent on a guess.
func (r *reader) unlayered(st *Step) []string {
	var out []string
	for _, t := range MountTargets(st.Node, docs.UnlayeredMountTypes()...) {
		if t = r.sc.expand(t); t != "" && !strings.Contains(t, "$") {
			out = append(out, Resolve(st.Workdir, t))
		}
	}
	return out
}

// dropUnder removes from files[from:] those that lie in one of dirs.
func dropUnder(files []*File, from int, dirs []string) []*File {
	kept := files[:from]
	for _, f := range files[from:] {
		if !underAny(f.Path, dirs) {
			kept = append(kept, f)
		}
	}
	return kept
}

// command reads one command of a RUN.
func (r *reader) command(run *Run, c *Command) {
	n := run.Node
	if writesRedirect(n.Text(), c) {
		// `echo x > /etc/app.conf`: the shell reader drops redirections, so
		// the file written is not known.
		run.Unknown = append(run.Unknown, *c)
	}
	mem := r.f.mem
	isBuild := readBuild(*c, mem.builds.next())
	if isBuild {
		b := mem.builds.new()
		b.Node = n
		run.Builds = append(run.Builds, b)
		for _, o := range b.Outputs {
			f := mem.files.new()
			*f = File{Path: o.Path, Dir: o.Dir, Maybe: o.Maybe, Origin: Built, Node: n, Build: b}
			run.Creates = append(run.Creates, f)
		}
	}
	isPackage := parsePackage(c.Command, mem.packages.next())
	if isPackage && mem.packages.next().Op != OpOther {
		p := mem.packages.new()
		p.Command, p.Node = *c, n
		run.Packages = append(run.Packages, p)
		if f := packageFiles(p, *c); f != nil && !isBuild {
			run.Creates = append(run.Creates, f)
		}
	}
	if isBuild || isPackage {
		return
	}
	add := func(p string, dir bool, o Origin, src string) {
		f := mem.files.new()
		*f = File{Path: c.Path(r.sc.expand(p)), Dir: dir, Origin: o, Node: n, Source: src}
		run.Creates = append(run.Creates, f)
	}
	var buf [8]string // for the operands: most commands have few
	switch name := c.Name(); name {
	case "mkdir":
		for _, v := range c.appendOperands(buf[:0], mkdirArgs) {
			add(v, true, Made, "")
		}
	case "touch":
		for _, v := range c.appendOperands(buf[:0], touchArgs) {
			add(v, false, Made, "")
		}
	case "curl":
		vals := c.appendValues(buf[:0])
		if o, ok := c.Option("-o", "--output"); ok {
			add(o, false, Downloaded, "")
		} else if c.Has("-O", "--remote-name") && len(vals) > 0 {
			add(path.Base(vals[len(vals)-1]), false, Downloaded, "")
		}
	case "wget":
		vals := c.appendValues(buf[:0])
		if o, ok := c.Option("-O", "--output-document"); ok {
			if o != "-" {
				add(o, false, Downloaded, "")
			}
		} else if len(vals) > 0 {
			dir := "."
			if p, ok := c.Option("-P", "--directory-prefix"); ok {
				dir = p
			}
			add(dir+"/"+path.Base(vals[len(vals)-1]), false, Downloaded, "")
		}
	case "git":
		if ops := c.appendOperands(buf[:0], gitCloneArgs); len(ops) >= 2 && ops[0] == "clone" {
			dest := strings.TrimSuffix(path.Base(ops[1]), ".git")
			if len(ops) >= 3 {
				dest = ops[2]
			}
			add(dest, true, Cloned, ops[1])
		}
	case "tar", "bsdtar":
		if isExtract(*c) {
			dir := "."
			if d, ok := c.Option("-C", "--directory"); ok {
				dir = d
			}
			add(dir, true, Extracted, "")
		}
	case "unzip":
		dir := "."
		if d, ok := c.Option("-d"); ok {
			dir = d
		}
		add(dir, true, Extracted, "")
	case "cp", "mv", "ln", "install":
		ops := c.appendOperands(buf[:0], copyArgs)
		if len(ops) >= 2 || name == "install" && c.Has("-d") {
			dest := ops[len(ops)-1]
			if name == "install" && c.Has("-d") {
				for _, v := range ops {
					add(v, true, Made, "")
				}
				break
			}
			for _, s := range ops[:len(ops)-1] {
				into := len(ops) > 2 || strings.HasSuffix(dest, "/")
				p := dest
				if into {
					p = dest + "/" + path.Base(s)
				}
				add(p, false, Moved, c.Path(r.sc.expand(s)))
			}
		}
	default:
		if !quiet[name] {
			run.Unknown = append(run.Unknown, *c)
		}
	}
}

// writesRedirect reports whether the command redirects output into a file
// other than /dev/null or another descriptor (2>&1). text is its RUN's.
func writesRedirect(text string, c *Command) bool {
	cr := c.Rel
	if cr.Start < 0 || cr.End > len(text) || cr.Start >= cr.End {
		return false
	}
	at := cr.Start
	for _, ws := range [2][]shell.Word{c.Assignments, c.Words} {
		for _, w := range ws {
			if w.Rel.Start < at || w.Rel.Start > cr.End {
				continue // a word of an sh -c string maps elsewhere
			}
			if gapWrites(text[at:w.Rel.Start]) {
				return true
			}
			at = w.Rel.End
		}
	}
	return gapWrites(text[at:cr.End])
}

// gapWrites reports whether text between words holds an output redirection
// to a file: `>`, `>>` or `&>` not followed by `&N` or /dev/null.
func gapWrites(gap string) bool {
	for i := 0; i < len(gap); i++ {
		if gap[i] != '>' {
			continue
		}
		rest := strings.TrimLeft(gap[i+1:], "> \t|")
		if strings.HasPrefix(rest, "&") || strings.HasPrefix(rest, "/dev/null") {
			continue
		}
		return true
	}
	return false
}

// Options that take a separate argument, for Command.Operands.
var (
	gitCloneArgs = map[string]bool{"--depth": true, "-b": true, "--branch": true, "-c": true, "--config": true,
		"-o": true, "--origin": true, "--reference": true, "--filter": true, "-j": true, "--jobs": true, "--separate-git-dir": true}
	mkdirArgs = map[string]bool{"-m": true, "--mode": true}
	touchArgs = map[string]bool{"-d": true, "--date": true, "-r": true, "--reference": true, "-t": true}
	copyArgs  = map[string]bool{"-m": true, "-o": true, "-g": true, "-t": true, "-S": true, "--mode": true, "--owner": true, "--group": true}
)

func isExtract(c Command) bool {
	for _, w := range c.Args() {
		v := w.Value
		if v == "--extract" || v == "--get" {
			return true
		}
		if strings.HasPrefix(v, "--") {
			continue
		}
		if strings.HasPrefix(v, "-") || w.Rel == c.Words[1].Rel {
			if strings.ContainsRune(v, 'x') {
				return true
			}
		}
	}
	return false
}

// packageFiles is the directory a package install writes that a later stage
// may copy: node_modules for a project install, site-packages for pip
// --user, the gem bundle path.
func packageFiles(p *Package, c Command) *File {
	if p.Op != OpInstall {
		return nil
	}
	switch {
	case p.Manager == Npm && !p.Global:
		return &File{Path: c.Path("node_modules"), Dir: true, Origin: Built, Node: p.Node}
	case p.Manager == Pip && p.Tool == "pip" && p.HasOption("--user"):
		return &File{Path: "/root/.local", Dir: true, Origin: Built, Node: p.Node}
	}
	return nil
}

// quiet are commands that create no file a later instruction could need,
// or whose effect is not about paths (permissions, users, messages).
var quiet = map[string]bool{
	":": true, "true": true, "false": true, "echo": true, "printf": true, "set": true, "export": true,
	"unset": true, "test": true, "[": true, "[[": true, "exit": true, "return": true, "sleep": true,
	"chmod": true, "chown": true, "chgrp": true, "rm": true, "rmdir": true, "ls": true, "cat": true,
	"grep": true, "sed": true, "awk": true, "find": true, "which": true, "command": true, "type": true,
	"id": true, "whoami": true, "env": true, "printenv": true, "pwd": true, "uname": true, "date": true,
	"useradd": true, "adduser": true, "groupadd": true, "addgroup": true, "usermod": true, "userdel": true,
	"apt-mark": true, "dpkg": true, "dpkg-query": true, "rpm": true, "update-ca-certificates": true,
	"ldconfig": true, "locale-gen": true, "update-alternatives": true, "xargs": true,
	"sort": true, "uniq": true, "head": true, "tail": true, "tr": true, "cut": true, "wc": true,
	"tee": true, "umask": true, "ulimit": true,
	"trap": true, "wait": true, "corepack": true, "gpg": true, "gpgv": true, "sha256sum": true,
	"sha512sum": true, "md5sum": true, "strip": true, "upx": true, "setcap": true,
	// Toolchain commands that are neither builds nor installs (go mod
	// download, cargo fetch, npm test) write only caches.
	"go": true, "cargo": true, "npm": true, "yarn": true, "pnpm": true, "bun": true, "rustup": true,
	"dotnet": true, "mix": true, "make": true, "xx-go": true, "xx-cargo": true, "xx-info": true, "xx-verify": true,
	// System configuration that writes no file a later instruction copies.
	"gpgconf": true, "apt-key": true, "add-apt-repository": true, "locale": true, "dpkg-divert": true,
	"a2enmod": true, "a2dismod": true, "a2enconf": true, "a2disconf": true, "docker-php-ext-enable": true, "gosu": true,
}
