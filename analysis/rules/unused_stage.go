package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// UnusedStage reports stages the final stage does not need. BuildKit skips
// them, so they are dead code; a named one may still be built on purpose with
// --target, which is why it is only a hint. When the workspace is known
// (Pass.Targeted), a stage that a Compose or Bake file, a CI workflow, a
// Makefile or a script builds with --target is used, and so is every stage it
// needs.
var UnusedStage = &analysis.Analyzer{
	Name:     "UnusedStage",
	Doc:      "A stage that the final stage neither builds on, copies from nor mounts, and that nothing in the workspace builds with --target, is never built by a plain `docker build`.",
	Severity: analysis.Warning,
	Run:      runUnusedStage,
}

func runUnusedStage(p *analysis.Pass) {
	final := p.Final()
	needed := p.Model.Reachable(final)
	for _, s := range p.Model.Stages {
		if s.Name == "" || needed[s] || len(p.Targeted[s.Name]) == 0 {
			continue
		}
		for r := range p.Model.Reachable(s) {
			needed[r] = true
		}
	}
	for _, s := range p.Model.Stages {
		if needed[s] {
			continue
		}
		var fixes []analysis.Fix
		if fix, ok := removeStagesFix(p.Model, s, needed); ok {
			fixes = []analysis.Fix{fix}
		}
		if s.Name == "" {
			p.Report(analysis.Diagnostic{
				Range:   fromLine(s),
				Message: fmt.Sprintf("stage %d is never used: the final stage %s does not depend on it, and an unnamed stage cannot be picked with --target", s.Index, final.Label()),
				Fixes:   fixes,
			})
			continue
		}
		msg := fmt.Sprintf("stage %q is not used by the final stage %s; it is built only when asked for with --target %s", s.Name, final.Label(), s.Name)
		if p.Targeted != nil {
			msg = fmt.Sprintf("stage %q is not used by the final stage %s, and no Compose or Bake file, CI workflow, Makefile or script in the workspace builds it with --target %s", s.Name, final.Label(), s.Name)
		}
		p.Report(analysis.Diagnostic{
			Severity:    analysis.Hint,
			Range:       s.Range,
			Unnecessary: true,
			Message:     msg,
			Fixes:       fixes,
		})
	}
}

// fromLine is the FROM instruction of a stage, where stage-wide findings go.
func fromLine(s *model.Stage) syntax.Range { return s.From.Range() }

// removeStagesFix deletes s with every stage that depends on it, directly or
// not: a stage left behind that still named a removed one would pull an
// image of that name instead. The title names every stage removed. There is
// no fix when one of them is needed, or when a reference could name a
// removed stage through a variable that is not resolved here. Stages after
// the removed ones move up, so references by index are renumbered.
func removeStagesFix(m *model.Model, s *model.Stage, needed map[*model.Stage]bool) (analysis.Fix, bool) {
	gone := map[*model.Stage]bool{s: true}
	for grown := true; grown; {
		grown = false
		for _, r := range m.Refs {
			if r.Owner == nil || gone[r.Owner] || !mayName(r, gone) {
				continue
			}
			if needed[r.Owner] {
				return analysis.Fix{}, false
			}
			gone[r.Owner], grown = true, true
		}
	}
	var edits []analysis.Edit
	var labels []string
	for _, st := range m.Stages {
		if gone[st] {
			edits = append(edits, analysis.Edit{Range: wholeLines(m.File, st.Range)})
			labels = append(labels, st.Label())
		}
	}
	for _, r := range m.Refs {
		if !r.ByIndex || r.Target == nil || gone[r.Owner] {
			continue
		}
		index := r.Target.Index
		for _, st := range m.Stages[:r.Target.Index] {
			if gone[st] {
				index--
			}
		}
		if index == r.Target.Index {
			continue
		}
		if r.OnBuild {
			return analysis.Fix{}, false // it counts the stages of the build that uses the image
		}
		edits = append(edits, analysis.Edit{Range: r.Range, NewText: strconv.Itoa(index)})
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].Range.Start < edits[j].Range.Start })
	title := "Remove unused stage " + labels[0]
	if len(labels) > 1 {
		title = "Remove unused stages " + strings.Join(labels, ", ")
	}
	return analysis.Fix{Title: title, Edits: edits}, true
}

// mayName reports whether r refers, or may refer, to one of the stages: it
// resolves to one, a --build-arg could make it name one, or it is a
// `COPY --from` with a variable, which the model does not resolve at all.
func mayName(r *model.Ref, stages map[*model.Stage]bool) bool {
	if stages[r.Target] {
		return true
	}
	for _, c := range r.Candidates {
		if stages[c] {
			return true
		}
	}
	return r.Kind == model.RefCopyFrom && r.Target == nil && strings.Contains(r.Value, "$")
}

// wholeLines widens r to full lines, including the final line break.
func wholeLines(f *syntax.File, r syntax.Range) syntax.Range {
	start := r.Start
	for start > 0 && f.Text[start-1] != '\n' {
		start--
	}
	end := r.End
	for end < len(f.Text) && f.Text[end] != '\n' {
		end++
	}
	if end < len(f.Text) {
		end++
	}
	return syntax.Range{Start: start, End: end}
}
