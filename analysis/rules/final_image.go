package rules

// Helpers shared by the final-image rules: what ends up in the image a build
// produces, the shell commands its RUNs execute, and package-manager calls.

import (
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/docs"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// finalImage is the final stage and its FROM-parent chain, root first: every
// instruction whose result is in the image the build produces.
func finalImage(p *analysis.Pass) []*model.Stage {
	final := p.Final()
	if final == nil {
		return nil
	}
	var chain []*model.Stage
	for s := final; s != nil && len(chain) <= len(p.Model.Stages); s = s.Parent {
		chain = append(chain, s)
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	return chain
}

// baseImage is the image reference the chain starts from (global ARG
// defaults expanded), without any --platform.
func baseImage(chain []*model.Stage) string {
	if len(chain) == 0 {
		return ""
	}
	return chain[0].BaseValue
}

// body is every instruction of the chain, in order.
func body(chain []*model.Stage) []syntax.Node {
	var out []syntax.Node
	for _, s := range chain {
		out = append(out, s.Body...)
	}
	return out
}

// runCmd is one simple command of a RUN, unwrapped from sudo/env/...
type runCmd struct {
	shell.Command
	node syntax.Node
	run  *shell.Run
}

// runCommands are the commands of a RUN node, unwrapped.
func runCommands(n syntax.Node) (*shell.Run, []runCmd) {
	r := shell.Parse(n)
	if r == nil {
		return nil, nil
	}
	out := make([]runCmd, 0, len(r.Commands))
	for _, c := range r.Commands {
		out = append(out, runCmd{Command: c.Unwrapped(), node: n, run: r})
	}
	return r, out
}

// intent is what the final image is for (facts.IntentOf decides, from the
// file's path, the stage name and the program it runs).
func intent(p *analysis.Pass) facts.Intent {
	final := p.Final()
	if final == nil {
		return facts.Intent{}
	}
	return facts.IntentOf(p.Path, facts.Of(p.Model).Stage(final), p.BuildContext)
}

// nonShippingTarget reports a dev, test, CI or debug image, never shipped to
// production.
func nonShippingTarget(p *analysis.Pass) bool { return intent(p).NonShipping() }

// applicationImage reports an image that runs an application of its own:
// not a dev/test/CI image, not a build tool's image, not a base to extend.
func applicationImage(p *analysis.Pass) bool {
	switch intent(p).Purpose {
	case facts.PurposeApp, facts.PurposeAction:
		return true
	}
	return false
}

// hasCacheMount reports whether n mounts a cache whose target contains one of
// the fragments (any cache when none is given).
func hasCacheMount(n syntax.Node, fragments ...string) bool {
	return mountOver(facts.CacheMountTargets(n), fragments)
}

// keptOutOfLayer reports whether n mounts a cache or a tmpfs over a path
// containing one of the fragments: what is written there never reaches the
// image's layer.
func keptOutOfLayer(n syntax.Node, fragments ...string) bool {
	return mountOver(facts.MountTargets(n, docs.UnlayeredMountTypes()...), fragments)
}

func mountOver(targets, fragments []string) bool {
	for _, t := range targets {
		if len(fragments) == 0 {
			return true
		}
		for _, f := range fragments {
			if strings.Contains(t, f) {
				return true
			}
		}
	}
	return false
}

// family names a package manager the way the rules were written against:
// the manager family ("apt", "apk", "dnf", "npm"...), except that "pip"
// means pip itself and not uv, poetry or pipenv, whose caches differ.
func family(pc *facts.Package) string {
	if pc.Manager == facts.Pip && pc.Tool != "pip" {
		return pc.Tool
	}
	return string(pc.Manager)
}

// systemPackages reports an install by a distribution's package manager.
func systemPackages(pc *facts.Package) bool {
	return pc.Op == facts.OpInstall && (pc.Manager == facts.Apt || pc.Manager == facts.Apk || pc.Manager == facts.Dnf)
}

// runFacts is the facts layer's reading of a RUN node.
func runFacts(p *analysis.Pass, n syntax.Node) *facts.Run {
	if r := facts.Of(p.Model).Run(n); r != nil {
		return r
	}
	return &facts.Run{Node: n}
}

// wholeContext reports whether a COPY/ADD without --from copies the whole
// build context (`.`, `./`, `*`), and returns the source word.
func wholeContext(n syntax.Node) (syntax.Word, bool) {
	if c := n.Command(); c != "COPY" && c != "ADD" {
		return syntax.Word{}, false
	}
	if _, ok := n.Flag("from"); ok {
		return syntax.Word{}, false
	}
	args := n.Args()
	if len(args) < 2 || len(n.Heredocs()) > 0 {
		return syntax.Word{}, false
	}
	for _, w := range args[:len(args)-1] {
		switch w.Value {
		case ".", "./", "*", "./*", "./.":
			return w, true
		}
	}
	return syntax.Word{}, false
}

// copiesFromOtherStage reports whether the chain copies files from a stage
// outside it (the shape of a real multi-stage build).
func copiesFromOtherStage(m *model.Model, chain []*model.Stage) bool {
	in := map[*model.Stage]bool{}
	for _, s := range chain {
		in[s] = true
	}
	for _, r := range m.Refs {
		if r.Kind == model.RefCopyFrom && in[r.Owner] && r.Target != nil && !in[r.Target] && !r.OnBuild && builds(r.Target) {
			return true
		}
	}
	return false
}

// builds reports whether a stage (or a stage it is based on) runs anything:
// a stage that is only an alias for an image (`FROM ${BASE} AS base`) is no
// build stage.
func builds(s *model.Stage) bool {
	for n := 0; s != nil && n < 64; s, n = s.Parent, n+1 {
		for _, b := range s.Body {
			if b.Command() == "RUN" {
				return true
			}
		}
	}
	return false
}

// runsSomething reports whether the final image says what it runs (a CMD or
// ENTRYPOINT in its own stages). Without one the Dockerfile describes a
// build, CI or base environment rather than an application image.
func runsSomething(p *analysis.Pass) bool {
	_, _, set := entrypoint(p)
	return set
}

// entrypoint is the program the final image runs, from the facts layer's
// ENTRYPOINT and CMD in effect: the first word of ENTRYPOINT, else of CMD,
// without its directory; empty when neither is set. For shell-form
// `CMD ["sh", "-c", "x"]` it is still "sh".
func entrypoint(p *analysis.Pass) (prog string, args []string, set bool) {
	st := facts.Of(p.Model).Stage(p.Final())
	if st == nil || !st.Program.Set {
		return "", nil, false
	}
	pr := st.Program
	var words []syntax.Word
	if pr.HasEntrypoint {
		words = pr.Entrypoint.Args()
	}
	if len(words) == 0 && pr.HasCmd {
		words = pr.Cmd.Args()
	}
	if len(words) == 0 {
		return "", nil, true
	}
	prog = words[0].Value
	if i := strings.LastIndexByte(prog, '/'); i >= 0 {
		prog = prog[i+1:]
	}
	for _, w := range words[1:] {
		args = append(args, w.Value)
	}
	return prog, args, true
}

// interactiveDefault reports whether the image's command is only an
// interpreter or shell with no program to run: the mark of a base image
// (the official python image's CMD ["python3"]) rather than an application.
func interactiveDefault(p *analysis.Pass, chain []*model.Stage) bool {
	prog, args, set := entrypoint(p)
	if !set {
		return true
	}
	if strings.Contains(prog, "entrypoint") && len(args) <= 1 {
		// docker-entrypoint.sh + CMD ["node"] in the official images; a
		// pass-through ENTRYPOINT with no CMD at all is a base to extend.
		var hasCmd bool
		prog, args, hasCmd = lastCMD(chain)
		if !hasCmd {
			return true
		}
		if len(args) > 0 {
			args = args[1:]
		}
		if i := strings.LastIndexByte(prog, '/'); i >= 0 {
			prog = prog[i+1:]
		}
	}
	if !interpreters[prog] {
		return false
	}
	for _, a := range args {
		if !strings.HasPrefix(a, "-") { // a script or program to run
			return false
		}
	}
	return true
}

// lastCMD is the last CMD of the chain.
func lastCMD(chain []*model.Stage) (string, []string, bool) {
	var words []syntax.Word
	set := false
	for _, n := range body(chain) {
		if n.Command() == "CMD" {
			words, set = n.Args(), true
		}
	}
	var vals []string
	for _, w := range words {
		vals = append(vals, w.Value)
	}
	if len(vals) == 0 {
		return "", nil, set
	}
	return vals[0], vals, set
}

var interpreters = map[string]bool{
	"sh": true, "bash": true, "ash": true, "zsh": true, "python": true, "python2": true, "python3": true,
	"node": true, "irb": true, "php": true, "php-fpm": true, "ruby": true, "ghci": true, "jshell": true,
	"pwsh": true, "powershell": true, "cmd": true, "perl": true,
}

// scratchArtifact reports whether the final image is FROM scratch and runs
// nothing: an artifact exported with --output, never started as a container.
func scratchArtifact(p *analysis.Pass, chain []*model.Stage) bool {
	if len(chain) == 0 || !strings.EqualFold(baseImage(chain), "scratch") {
		return false
	}
	prog, _, set := entrypoint(p)
	switch path.Ext(prog) {
	case ".apk", ".aab", ".ipa", ".zip", ".tar", ".tgz", ".gz", ".wasm":
		return true // ENTRYPOINT names the artifact: a package exported, never run
	}
	return !set
}

// windowsImage reports whether the final image is a Windows one.
func windowsImage(p *analysis.Pass, chain []*model.Stage) bool {
	if p.File.Escape == '`' {
		return true
	}
	return images.Windows(baseImage(chain))
}

// insertAfter is an edit inserting text right after a word's range r.
func insertAfter(r syntax.Range, text string) analysis.Edit {
	return analysis.Edit{Range: syntax.Range{Start: r.End, End: r.End}, NewText: text}
}

// appendToScript is an edit that runs `cmd` after the rest of the script the
// command c is in, or false when there is no safe place: exec form, a script
// ending in `&`, an unterminated heredoc. The RUN starts at off.
func appendToScript(r *shell.Run, c shell.Command, off int, cmd string) (analysis.Edit, bool) {
	if c.Script < 0 || c.Script >= len(r.Scripts) {
		return analysis.Edit{}, false
	}
	s := r.Scripts[c.Script]
	at := syntax.Range{Start: off + s.EndRel, End: off + s.EndRel}
	switch s.Kind {
	case shell.Line, shell.Inline:
		switch s.LastOp {
		case "":
			return analysis.Edit{Range: at, NewText: " && " + cmd}, true
		case ";", "\n":
			return analysis.Edit{Range: at, NewText: " " + cmd}, true
		}
	case shell.Heredoc:
		if s.HeredocRel.Terminated {
			end := off + s.HeredocRel.Body.End
			at = syntax.Range{Start: end, End: end}
			return analysis.Edit{Range: at, NewText: cmd + "\n"}, true
		}
	}
	return analysis.Edit{}, false
}

// wordsRange spans the words ws of a RUN that starts at off.
func wordsRange(ws []shell.Word, off int) syntax.Range {
	if len(ws) == 0 {
		return syntax.Range{}
	}
	return syntax.Range{Start: off + ws[0].Rel.Start, End: off + ws[len(ws)-1].Rel.End}
}

// cmdHead is the program and subcommand of c (`apt-get install`), where a
// finding about the command is reported; its RUN starts at off.
func cmdHead(c shell.Command, sub shell.Word, off int) syntax.Range {
	r := c.Words[0].At(off)
	if end := sub.At(off).End; end > r.End {
		r.End = end
	}
	return r
}

// envValue is the value of the last ENV/ARG name declared in the chain before off.
func envValue(chain []*model.Stage, off int, name string) (string, bool) {
	val, found := "", false
	for _, s := range chain {
		for _, v := range s.Vars {
			if v.Name == name && v.Node.Offset < off && v.HasValue {
				val, found = v.Value, true
			}
		}
	}
	return val, found
}

// assignedInRun is the value given to name by an assignment or `export` in
// the commands of a RUN up to cmds[upto] (included).
func assignedInRun(cmds []runCmd, upto int, name string) (string, bool) {
	val, found := "", false
	for i := 0; i <= upto && i < len(cmds); i++ {
		c := cmds[i]
		for _, a := range c.Assignments {
			if k, v, ok := strings.Cut(a.Value, "="); ok && k == name {
				val, found = v, true
			}
		}
		if c.Name() == "export" {
			for _, w := range c.Words[1:] {
				if k, v, ok := strings.Cut(w.Value, "="); ok && k == name {
					val, found = v, true
				}
			}
		}
	}
	return val, found
}

// removesPath reports whether a command of the run is `rm` of a path that
// starts with one of the prefixes.
func removesPath(cmds []runCmd, prefixes ...string) bool {
	for _, c := range cmds {
		if c.Name() != "rm" {
			continue
		}
		for _, w := range c.Words[1:] {
			for _, p := range prefixes {
				if strings.HasPrefix(w.Value, p) {
					return true
				}
			}
		}
	}
	return false
}
