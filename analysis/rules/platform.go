package rules

// Helpers shared by the multi-platform rules (RuntimeOnBuildPlatform,
// CrossCompileIgnoresTarget, EmulatedBuildStage): which platform a stage runs
// on, whether a build step takes the target from BuildKit's TARGET*
// arguments, and the edits that make a Go build cross-compile.

import (
	"regexp"
	"strings"
	"sync"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// targetRef matches a use of a target argument ($TARGETARCH, ${TARGETOS}...).
var targetRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\$\{?TARGET(PLATFORM|OS|ARCH|VARIANT)\b`) })

// targetDecl matches a declaration of a target argument (ARG TARGETARCH),
// which puts it in the environment of the stage's RUNs.
var targetDecl = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^ARG\b.*\bTARGET(PLATFORM|OS|ARCH|VARIANT)\b`) })

// xxTool matches a call of tonistiigi/xx's helpers (xx-go, xx-cargo,
// xx-clang, xx-apk, xx-info...), which read the target themselves.
var xxTool = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(^|[\s;&|(/])xx-[a-z-]+`) })

// multiPlatform reports whether the file shows it is built for several
// platforms: it names BUILDPLATFORM or a TARGET* argument somewhere.
func multiPlatform(p *analysis.Pass) bool { return facts.MultiPlatform(p.File.Text) }

// platformOf is the platform a stage runs on: its own --platform, else the
// one of the stage it is built on (FROM <stage> keeps that stage's).
func platformOf(s *facts.Stage) facts.Platform {
	for n := 0; s != nil && n < 1000; n++ {
		if s.Base.Platform.Kind != facts.PlatformNone || s.Base.Stage == nil {
			return s.Base.Platform
		}
		s = s.Base.Stage
	}
	return facts.Platform{}
}

// platformFlag is the --platform flag that decides s's platform.
func platformFlag(s *facts.Stage) syntax.Flag {
	chain := s.Chain()
	for i := len(chain) - 1; i >= 0; i-- {
		if f, ok := chain[i].Model.From.Flag("platform"); ok {
			return f
		}
	}
	return syntax.Flag{}
}

// inChain reports whether s is in the FROM chain of t.
func inChain(s, t *facts.Stage) bool {
	for _, c := range t.Chain() {
		if c == s {
			return true
		}
	}
	return false
}

// consumer is a COPY --from of a stage in another stage.
type consumer struct {
	stage *facts.Stage
	copy  *facts.Copy
}

// consumers are the copies other stages make from s or from a stage built
// on it, in file order.
func consumers(f *facts.Facts, s *facts.Stage) []consumer {
	var out []consumer
	for _, t := range f.Stages {
		if inChain(s, t) {
			continue
		}
		for _, c := range t.Copies {
			if c.Source == facts.FromStage && c.Stage != nil && inChain(s, c.Stage) {
				out = append(out, consumer{t, c})
			}
		}
	}
	return out
}

// builtOn reports whether a stage other than s has FROM s.
func builtOn(f *facts.Facts, s *facts.Stage) bool {
	for _, t := range f.Stages {
		if t.Base.Stage == s {
			return true
		}
	}
	return false
}

// inFinal reports whether s is the final stage or one it is built on.
func inFinal(p *analysis.Pass, f *facts.Facts, s *facts.Stage) bool {
	final := p.Final()
	if final == nil {
		return false
	}
	fs := f.Stage(final)
	return fs != nil && inChain(s, fs)
}

// nativeEcosystems compile to machine code for one platform.
var nativeEcosystems = map[facts.Ecosystem]bool{facts.Go: true, facts.Rust: true, facts.C: true, facts.Dotnet: true, facts.Zig: true}

// targetContext is the text that can choose the target of a build in
// stage s at RUN node n: the ENV, ARG and RUN instructions of the chain up
// to and including n.
func targetContext(s *facts.Stage, n syntax.Node) []syntax.Node {
	var out []syntax.Node
	for _, c := range s.Chain() {
		for _, st := range c.Steps {
			switch st.Node.Command() {
			case "ENV", "ARG", "RUN":
				out = append(out, st.Node)
			}
			if st.Node.Offset == n.Offset {
				return out
			}
		}
	}
	return out
}

// takesTarget reports whether build b (in stage s) takes its target
// platform from the build rather than from the machine it runs on.
func takesTarget(s *facts.Stage, b *facts.Build) bool {
	c := b.Command
	declared := false
	for _, n := range targetContext(s, b.Node) {
		text := n.Text()
		if targetRef().MatchString(text) || xxTool().MatchString(text) {
			return true
		}
		if targetDecl().MatchString(text) {
			declared = true
		}
		if n.Command() == "RUN" && strings.Contains(text, "go env -w") && (strings.Contains(text, "GOARCH") || strings.Contains(text, "GOOS")) {
			return true
		}
	}
	switch b.Ecosystem {
	case facts.Go:
		_, arch := c.Var("GOARCH")
		_, goos := c.Var("GOOS")
		return arch || goos
	case facts.Rust:
		_, ok := c.Option("--target")
		if !ok {
			_, ok = c.Var("CARGO_BUILD_TARGET")
		}
		return ok
	case facts.Dotnet:
		// Without a runtime identifier dotnet writes portable IL, which the
		// target's runtime runs: nothing to cross-compile.
		// A literal RID, or the current runtime, is the build machine's.
		_, rid := c.Option("-r", "--runtime", "-a", "--arch", "--os")
		return !rid && !c.Has("--use-current-runtime", "--ucr")
	case facts.Zig:
		_, ok := c.Option("-target", "-Dtarget")
		return ok || mentions(c, "-Dtarget=")
	case facts.C:
		// A Makefile or CMake project may read the target from the
		// environment once the stage declares the argument, or use a cross
		// compiler or toolchain file.
		if declared {
			return true
		}
		for _, v := range []string{"CC", "CXX", "CROSS_COMPILE", "CMAKE_TOOLCHAIN_FILE", "HOST", "TARGET"} {
			if _, ok := c.Var(v); ok {
				return true
			}
		}
		return mentions(c, "CMAKE_TOOLCHAIN_FILE") || mentions(c, "--host=")
	}
	return true
}

// mentions reports whether a word of c contains s.
func mentions(c facts.Command, s string) bool {
	for _, w := range c.Words {
		if strings.Contains(w.Value, s) {
			return true
		}
	}
	return false
}

// cgoOn reports whether a Go build links C code: CGO_ENABLED=1 given on the
// command or in the environment.
func cgoOn(b *facts.Build) bool {
	v, _ := b.Command.Var("CGO_ENABLED")
	return v == "1"
}

// goCrossFixable reports whether the fix may set GOOS/GOARCH on b: a plain
// go build (go install puts a cross-compiled binary in a subdirectory) in
// shell form, without cgo.
func goCrossFixable(b *facts.Build) bool {
	return b.Ecosystem == facts.Go && b.Task == "build" && len(b.Command.Words) > 0 && b.Command.Words[0].Value == "go" &&
		!b.Node.IsJSON() && !cgoOn(b)
}

// goCrossEdits make Go builds cross-compile for the target: an ARG line
// declaring what the stage lacks of TARGETOS and TARGETARCH, before the
// first RUN it edits (so earlier layers stay shared between platforms), and
// GOOS=$TARGETOS GOARCH=$TARGETARCH in front of each go command.
func goCrossEdits(text string, s *facts.Stage, builds []*facts.Build) []analysis.Edit {
	if len(builds) == 0 {
		return nil
	}
	first := builds[0].Node
	var missing []string
	for _, name := range strings.Fields(facts.GoTargetArgs) {
		if !declaredBefore(s.Model, name, first.Offset) {
			missing = append(missing, name)
		}
	}
	var edits []analysis.Edit
	if len(missing) > 0 {
		indent := lineIndent(text, first.Offset)
		edits = append(edits, analysis.Edit{
			Range:   syntax.Range{Start: first.Offset, End: first.Offset},
			NewText: "ARG " + strings.Join(missing, " ") + "\n" + indent,
		})
	}
	for _, b := range builds {
		at := b.Command.WordRange(b.Command.Words[0]).Start
		edits = append(edits, analysis.Edit{Range: syntax.Range{Start: at, End: at}, NewText: facts.GoCrossEnv + " "})
	}
	return edits
}

// declaredBefore reports whether stage s declares ARG name before offset.
func declaredBefore(s *model.Stage, name string, offset int) bool {
	for _, v := range s.Vars {
		if v.Kind == model.VarArg && v.Name == name && v.Node.Offset < offset {
			return true
		}
	}
	return false
}

// lineIndent is the blank text between the start of the line and offset.
func lineIndent(text string, offset int) string {
	start := strings.LastIndexByte(text[:offset], '\n') + 1
	if strings.TrimSpace(text[start:offset]) != "" {
		return ""
	}
	return text[start:offset]
}
