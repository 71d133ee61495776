package rules

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// EmulatedBuildStage reports, in a file built for several platforms, a stage
// that compiles or bundles and only hands its output to other stages, yet
// runs on the target platform: for every platform but the build machine's,
// BuildKit runs its compiler under emulation (QEMU), often ten times slower.
// The fix runs it on $BUILDPLATFORM where that is mechanical: Go (with the
// target passed to go build) and platform-independent outputs (Java bytecode,
// JavaScript bundles); for others it says what cross-compiling needs.
var EmulatedBuildStage = &analysis.Analyzer{
	Name:     "EmulatedBuildStage",
	Severity: analysis.Hint,
	Run:      runEmulatedBuildStage,
}

func runEmulatedBuildStage(p *analysis.Pass) {
	if !multiPlatform(p) {
		return
	}
	f := facts.Of(p.Model)
	for _, s := range f.Stages {
		// A base left as a variable (FROM ${TARGETOS}) may name a stage on
		// the build platform.
		if s.Base.Kind == facts.BaseStage || s.Base.Ref == nil && strings.Contains(s.Base.Written, "$") || s.Base.Platform.Kind != facts.PlatformNone || !s.Compiles() ||
			inFinal(p, f, s) || builtOn(f, s) {
			continue
		}
		cs := consumers(f, s)
		if len(cs) == 0 {
			continue
		}
		kw := s.Model.From.Keyword()
		d := analysis.Diagnostic{
			Range: syntax.Range{Start: s.Model.From.Offset, End: s.Model.From.Range().End},
			Related: []analysis.Related{
				{Range: cs[0].copy.Node.Range(), Message: "its output is copied here"},
			},
		}
		flag := analysis.Edit{Range: syntax.Range{Start: kw.Range.End, End: kw.Range.End}, NewText: " --platform=$BUILDPLATFORM"}
		what := stageBuilds(s)
		lead := fmt.Sprintf("stage %s (%s) only hands its output to other stages but runs on the target platform: for each platform other than the build machine's it runs under emulation, often ten times slower", s.Model.Label(), what)
		edits, advice := emulatedFix(p.File.Text, s, cs)
		if edits != nil {
			d.Message = lead + "; " + advice
			d.Fixes = []analysis.Fix{{Title: "Build this stage on the build platform", Edits: append([]analysis.Edit{flag}, edits...)}}
		} else if advice != "" {
			d.Message = lead + "; " + advice
		} else {
			continue
		}
		p.Report(d)
	}
}

// stageBuilds names the compile steps of s for the message.
func stageBuilds(s *facts.Stage) string {
	var labels []string
	seen := map[string]bool{}
	for _, b := range s.Builds {
		if b.Kind == facts.Compile && !seen[b.Label] {
			seen[b.Label] = true
			labels = append(labels, b.Label)
		}
	}
	return strings.Join(labels, ", ")
}

// nativeJava matches the Java tools whose output is machine code.
var nativeJava = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b(jlink|native-image|jpackage)\b`) })

// emulatedFix decides what running s on the build platform takes. edits is
// non-nil (possibly empty) when adding the flag, with those edits, keeps the
// output right for the target; otherwise advice alone says what is needed,
// or is empty when the stage cannot be judged.
func emulatedFix(text string, s *facts.Stage, cs []consumer) ([]analysis.Edit, string) {
	eco := map[facts.Ecosystem]bool{}
	var goBuilds []*facts.Build
	for _, b := range s.Builds {
		if b.Kind == facts.Environment {
			return nil, "" // a virtualenv or a prefix of installed packages holds native code of the platform it ran on
		}
		eco[b.Ecosystem] = true
		if b.Ecosystem == facts.Go && !takesTarget(s, b) {
			goBuilds = append(goBuilds, b)
		}
	}
	if len(eco) != 1 {
		return nil, ""
	}
	for e := range eco {
		switch e {
		case facts.Java:
			for _, st := range s.Steps {
				if st.Run != nil && nativeJava().MatchString(st.Node.Text()) {
					return nil, "jlink and native-image write code for the platform they run on: with --platform=$BUILDPLATFORM they would need the target's JDK"
				}
			}
			return []analysis.Edit{}, "Java bytecode is the same on every platform, so --platform=$BUILDPLATFORM builds it natively"
		case facts.Node:
			for _, c := range cs {
				for _, src := range c.copy.Sources {
					if strings.Contains(src, "node_modules") || strings.Contains(src, ".next") {
						return nil, "node_modules may hold native modules built for the platform the stage runs on: copy only the bundle, or install production dependencies in the runtime stage, before building here on $BUILDPLATFORM"
					}
				}
			}
			return []analysis.Edit{}, "a JavaScript bundle is the same on every platform, so --platform=$BUILDPLATFORM builds it natively"
		case facts.Go:
			for _, b := range goBuilds {
				if !goCrossFixable(b) {
					return nil, "with --platform=$BUILDPLATFORM the Go build must cross-compile: " + crossAdvice(b)
				}
			}
			return append([]analysis.Edit{}, goCrossEdits(text, s, goBuilds)...), "Go cross-compiles natively with --platform=$BUILDPLATFORM and GOOS=$TARGETOS GOARCH=$TARGETARCH"
		case facts.Rust, facts.Dotnet, facts.Zig:
			for _, b := range s.Builds {
				if !takesTarget(s, b) {
					return nil, "with --platform=$BUILDPLATFORM the build must cross-compile: " + crossAdvice(b)
				}
			}
			return []analysis.Edit{}, "the build already takes its target from the TARGET arguments, so it can run natively on --platform=$BUILDPLATFORM"
		case facts.C:
			return nil, "with --platform=$BUILDPLATFORM the build must cross-compile: " + crossAdvice(s.Builds[0])
		}
	}
	return nil, ""
}
