package hover

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/navigate"
)

// baseKind says what kind of image the stage is built on (toolchain,
// runtime, OS, distroless, scratch) with its vendor and version.
func (h *hoverer) baseKind(s *model.Stage) {
	w := &h.w
	fs := facts.Of(h.m).Stage(s)
	if fs == nil {
		return
	}
	if b := fs.Base; b.Kind != facts.BaseUnknown && b.Kind != facts.BaseStage && b.Kind != facts.BaseScratch {
		kind := b.Kind.String()
		if v := b.Image.Vendor; v != "" {
			kind += " (" + v
			if b.Image.Version != "" {
				kind += " " + b.Image.Version
			}
			kind += ")"
		}
		w.item("base kind: " + kind)
	}
}

// stageFacts adds what the stage does to its hover: the packages it
// installs, its build steps with what they write, and which of its files
// the final image receives.
func (h *hoverer) stageFacts(s *model.Stage) {
	w := &h.w
	fs := facts.Of(h.m).Stage(s)
	if fs == nil {
		return
	}
	perManager := map[facts.Manager][]string{}
	var managers []facts.Manager
	for _, p := range fs.Packages {
		if p.Op != facts.OpInstall || p.Removed || len(p.Names) == 0 {
			continue
		}
		if _, seen := perManager[p.Manager]; !seen {
			managers = append(managers, p.Manager)
		}
		for _, n := range p.PackageNames() {
			if !contains(perManager[p.Manager], n) {
				perManager[p.Manager] = append(perManager[p.Manager], n)
			}
		}
	}
	for _, mgr := range managers {
		names := perManager[mgr]
		if len(names) > 8 {
			names = append(names[:8:8], fmt.Sprintf("and %d more", len(perManager[mgr])-8))
		}
		w.item(fmt.Sprintf("packages (%s): %s", mgr, strings.Join(names, ", ")))
	}
	for _, b := range fs.Builds {
		line := fmt.Sprintf("build: %s (line %d)", w.code(b.Label), h.x.Line(b.Node.Offset))
		var outs []string
		for _, o := range h.outputs(fs, b) {
			p := o.Path
			if o.Maybe {
				p += "?"
			}
			outs = append(outs, w.code(p))
		}
		if len(outs) > 0 {
			line += " → " + strings.Join(outs, ", ")
		}
		w.item(line)
	}
	if !fs.Complete {
		w.item("not every RUN was understood: what the stage produces may be more than listed")
	}
	h.shipped(fs)
}

// outputs are what the build b of the stage writes: as the build context
// settles them when it is known (a package.json's build script), else as
// the document says.
func (h *hoverer) outputs(fs *facts.Stage, b *facts.Build) []facts.Output {
	if h.opt.Context == nil {
		return b.Outputs
	}
	var out []facts.Output
	for _, f := range fs.ProducesIn(h.opt.Context) {
		if f.Build == b && f.Origin == facts.Built {
			out = append(out, facts.Output{Path: f.Path, Dir: f.Dir, Maybe: f.Maybe})
		}
	}
	if len(out) == 0 {
		return b.Outputs
	}
	return out
}

// shipped says which of the stage's files reach the final image: all of
// them when the final stage is built on it, else those the final stage's
// chain copies from it.
func (h *hoverer) shipped(fs *facts.Stage) {
	w := &h.w
	final := facts.Of(h.m).Stage(h.m.Final(h.opt.Target))
	if final == nil || final == fs {
		return
	}
	for _, c := range final.Chain() {
		if c == fs {
			w.item("in the final image: all of its files (the final stage is built on it)")
			return
		}
	}
	var lines []string
	for _, c := range final.Chain() {
		for _, cp := range c.Copies {
			if cp.Source != facts.FromStage || cp.Stage != fs {
				continue
			}
			for _, src := range cp.Sources {
				lines = append(lines, fmt.Sprintf("%s → %s (line %d)", w.code(src), w.code(cp.Target(src)), h.x.Line(cp.Node.Offset)))
			}
		}
	}
	if len(lines) == 0 {
		return
	}
	w.item("in the final image: " + strings.Join(lines, ", "))
}

// copySource explains a COPY --from source path: the instruction of the
// source stage that produces it.
func (h *hoverer) copySource(cs navigate.CopySource) {
	w := &h.w
	w.line(w.bold("Path") + " " + w.code(cs.Path) + " from stage " + w.code(navigate.StageLabel(cs.Stage.Model)))
	f := cs.File
	if f == nil {
		if cs.Stage.Complete {
			w.para("No instruction of the stage or the stages it is built on writes it, and its base image is not known to have it.")
		} else {
			w.para("Not among the files the stage is known to produce; some of its RUN instructions were not understood.")
		}
		return
	}
	what := map[facts.Origin]string{
		facts.Copied: "Copied in", facts.Built: "Written by the build step", facts.Made: "Created",
		facts.Downloaded: "Downloaded", facts.Cloned: "Cloned", facts.Extracted: "Extracted", facts.Moved: "Put there",
	}[f.Origin]
	if f.Origin == facts.Built && f.Build != nil {
		what += " " + w.code(f.Build.Label)
	}
	if f.Path != cs.Path {
		what += " (as part of " + w.code(f.Path) + ")"
	}
	w.para(fmt.Sprintf("%s on line %d:", what, h.x.Line(f.Node.Offset)))
	if w.md {
		w.line("```dockerfile\n" + facts.Summary(f.Node, 300) + "\n```")
	} else {
		w.line(facts.Summary(f.Node, 300))
	}
	if f.Maybe {
		w.para("That step may write one of several places; this is one of them.")
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
