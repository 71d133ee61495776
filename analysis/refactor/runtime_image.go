package refactor

import (
	"fmt"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// useRuntimeImageActions offers "Use <runtime image> for the final stage"
// when the final stage of a multi-stage file starts from an SDK or
// toolchain image but only copies its program from a build stage: it runs
// nothing that would need the toolchain (no RUN).
func useRuntimeImageActions(q *query) []Action {
	if len(q.m.Stages) < 2 {
		return nil
	}
	final := q.m.Stages[len(q.m.Stages)-1]
	if final.Parent != nil || final.Base == "" || q.f.Text[final.BaseRange.Start:final.BaseRange.End] != final.Base {
		return nil
	}
	match, ok := images.Lookup(final.BaseValue)
	if !ok {
		return nil
	}
	var source *model.Stage
	for _, r := range q.m.Refs {
		if r.Owner == final && r.Kind == model.RefCopyFrom && r.Target != nil && r.Target != final {
			source = r.Target
		}
	}
	if source == nil {
		return nil
	}
	for _, n := range final.Body {
		if n.Command() == "RUN" {
			return nil
		}
	}
	sf := readStage(q.f, q.m, final)
	ref := runtimeFor(sf, readStage(q.f, q.m, source), match)
	if ref == "" || ref == final.BaseValue {
		return nil
	}
	return []Action{{
		ID:    "use-runtime",
		Title: fmt.Sprintf("Use %s for the final stage", ref),
		Kind:  KindQuickFix,
		compute: func() ([]analysis.Edit, []Placeholder) {
			return []analysis.Edit{{Range: final.BaseRange, NewText: ref}}, nil
		},
	}}
}

// runtimeFor picks the runtime image for a final stage built on a toolchain
// image, by what the source stage builds.
func runtimeFor(final, source *stageFacts, match images.Match) string {
	switch match.Image.Ecosystem {
	case "go":
		static := true
		for _, c := range source.commands() {
			if c.Name() == "go" && len(c.Words) > 1 && c.Words[1].Value == "build" && !source.cgoOff(c) {
				static = false
			}
		}
		switch {
		case final.needsShell() && final.base.family == "alpine":
			return final.alpineImage()
		case final.needsShell():
			return final.debianSlim()
		case static:
			return "gcr.io/distroless/static-debian12"
		case final.base.family == "alpine":
			return final.alpineImage()
		}
		return or(final.distroless("base"), final.debianSlim())
	case "rust", "c", "debian", "haskell":
		if final.base.family == "alpine" {
			return final.alpineImage()
		}
		if final.needsShell() || match.Image.Ecosystem != "rust" {
			return final.debianSlim()
		}
		return or(final.distroless("cc"), final.debianSlim())
	case "java":
		ref, _ := final.jreImage()
		return ref
	case "node", "python", "ruby":
		return final.slimOf()
	}
	if rts := match.Runtimes(); len(rts) > 0 {
		return final.keepVersionArgs(rts[0])
	}
	return ""
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
