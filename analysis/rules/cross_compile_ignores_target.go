package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// CrossCompileIgnoresTarget reports native code compiled in a stage that runs
// on the build machine (FROM --platform=$BUILDPLATFORM) without taking the
// target from TARGETOS/TARGETARCH/TARGETPLATFORM, when the result is copied
// into a stage of the target platform: an arm64 image built on an amd64
// machine then ships an amd64 binary.
var CrossCompileIgnoresTarget = &analysis.Analyzer{
	Name:     "CrossCompileIgnoresTarget",
	Severity: analysis.Warning,
	Run:      runCrossCompileIgnoresTarget,
}

func runCrossCompileIgnoresTarget(p *analysis.Pass) {
	f := facts.Of(p.Model)
	for _, s := range f.Stages {
		if platformOf(s).Kind != facts.PlatformBuild {
			continue
		}
		cs := targetConsumers(p.Model, f, s)
		if len(cs) == 0 {
			continue
		}
		for _, run := range s.Runs() {
			reportCrossRun(p, s, run, cs)
		}
	}
}

// reportCrossRun reports the first native build of run that ignores the
// target; the fix covers every go build of the RUN.
func reportCrossRun(p *analysis.Pass, s *facts.Stage, run *facts.Run, cs []consumer) {
	var first *facts.Build
	var into *consumer
	var fixable []*facts.Build
	allFixable := true
	for _, b := range run.Builds {
		if b.Kind != facts.Compile || !nativeEcosystems[b.Ecosystem] || takesTarget(s, b) {
			continue
		}
		if into == nil {
			for i, c := range cs {
				if copiesOutput(c.copy, b) {
					into = &cs[i]
					break
				}
			}
			if into == nil {
				continue
			}
		}
		if first == nil {
			first = b
		}
		if goCrossFixable(b) {
			fixable = append(fixable, b)
		} else {
			allFixable = false
		}
	}
	if first == nil {
		return
	}
	from := platformFlag(s)
	d := analysis.Diagnostic{
		Range: first.Command.Range(),
		Message: fmt.Sprintf("%s runs on the build machine (--platform=%s) and does not take the target from TARGETOS/TARGETARCH; stage %s copies its output, so an image for another platform gets a binary for the build machine; %s",
			first.Label, from.Value, into.stage.Model.Label(), crossAdvice(first)),
		Related: []analysis.Related{
			{Range: from.Range, Message: "the stage runs on the build platform"},
			{Range: into.copy.Node.Range(), Message: "its output goes into a stage of the target platform"},
		},
	}
	if allFixable && len(fixable) > 0 {
		d.Fixes = []analysis.Fix{{
			Title:     "Cross-compile for the target (GOOS=$TARGETOS GOARCH=$TARGETARCH)",
			Edits:     goCrossEdits(p.File.Text, s, fixable),
			Preferred: true,
		}}
	}
	p.Report(d)
}

// targetConsumers are the copies of s's output into stages of the target
// platform.
func targetConsumers(m *model.Model, f *facts.Facts, s *facts.Stage) []consumer {
	var out []consumer
	for _, c := range consumers(f, s) {
		if reachesTarget(m, f, c.stage, 0) {
			out = append(out, c)
		}
	}
	return out
}

// reachesTarget reports whether files put into stage t end up on the target
// platform. A stage built FROM scratch without a program that other stages
// use (FROM it, or copy from it) only passes files on: the stages that use
// it decide. One that nothing uses is an export stage (--output), whose
// files are for the target platform.
func reachesTarget(m *model.Model, f *facts.Facts, t *facts.Stage, depth int) bool {
	if platformOf(t).Kind == facts.PlatformBuild {
		return false
	}
	if t.Chain()[0].Base.Kind != facts.BaseScratch || t.Program.Set || depth > len(f.Stages) {
		return true
	}
	var users []*facts.Stage
	for _, c := range consumers(f, t) {
		users = append(users, c.stage)
	}
	for _, r := range m.Refs {
		if r.Kind == model.RefFrom && r.Owner != nil && r.Owner != t.Model && refersTo(r, t.Model) {
			if o := f.Stage(r.Owner); o != nil {
				users = append(users, o)
			}
		}
	}
	if len(users) == 0 {
		return true
	}
	for _, u := range users {
		if reachesTarget(m, f, u, depth+1) {
			return true
		}
	}
	return false
}

// refersTo reports whether r names st, or may name it through a build
// argument.
func refersTo(r *model.Ref, st *model.Stage) bool {
	if r.Target == st {
		return true
	}
	for _, c := range r.Candidates {
		if c == st {
			return true
		}
	}
	return false
}

// copiesOutput reports whether c may copy what b writes: a source that is
// an output, a directory holding one, or a path the facts cannot compare.
func copiesOutput(c *facts.Copy, b *facts.Build) bool {
	if len(b.Outputs) == 0 {
		return true
	}
	for _, src := range c.Sources {
		for _, o := range b.Outputs {
			op := o.Path
			switch {
			case strings.Contains(op, "$") || strings.Contains(src, "$"):
				return true
			case src == "/" || src == op || strings.HasPrefix(op, src+"/"):
				return true
			case o.Dir && strings.HasPrefix(src, op+"/"):
				return true
			case o.Maybe && path.Dir(src) == path.Dir(op):
				return true
			}
			if ok, _ := path.Match(op, src); ok {
				return true
			}
			if ok, _ := path.Match(src, op); ok {
				return true
			}
		}
	}
	return false
}

// crossAdvice says how a build of b's kind takes the target.
func crossAdvice(b *facts.Build) string {
	switch b.Ecosystem {
	case facts.Go:
		switch {
		case cgoOn(b):
			return "with CGO_ENABLED=1 it also needs a C cross-compiler for the target (tonistiigi/xx: xx-apk add gcc musl-dev, then xx-go build), or drop --platform and build under emulation"
		case b.Task == "install":
			return "declare ARG TARGETOS TARGETARCH and set GOOS=$TARGETOS GOARCH=$TARGETARCH (go install then writes into a $GOOS_$GOARCH subdirectory of the bin directory for other platforms; go build -o is simpler)"
		}
		return "declare ARG TARGETOS TARGETARCH and build with GOOS=$TARGETOS GOARCH=$TARGETARCH"
	case facts.Rust:
		return "pass --target with the triple of $TARGETPLATFORM and install that target and its linker (tonistiigi/xx's xx-cargo does both)"
	case facts.Dotnet:
		return "take the runtime identifier from the target (ARG TARGETARCH, then -a $TARGETARCH)"
	case facts.Zig:
		return "pass -target (or -Dtarget=) for the target, from TARGETARCH"
	}
	return "declare ARG TARGETARCH (and TARGETOS) for the build to read, and use a cross-compiler for the target (tonistiigi/xx: xx-clang, xx-apt), or drop --platform and build under emulation"
}
