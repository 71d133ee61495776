package rules

import (
	"fmt"

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
		fix := removeStageFix(p.File, s)
		if s.Name == "" {
			p.Report(analysis.Diagnostic{
				Range:   fromLine(s),
				Message: fmt.Sprintf("stage %d is never used: the final stage %s does not depend on it, and an unnamed stage cannot be picked with --target", s.Index, final.Label()),
				Fixes:   []analysis.Fix{fix},
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
			Fixes:       []analysis.Fix{fix},
		})
	}
}

// fromLine is the FROM instruction of a stage, where stage-wide findings go.
func fromLine(s *model.Stage) syntax.Range { return s.From.Range() }

// removeStageFix deletes the whole stage, its lines included. The title names
// the stage so the user knows exactly which lines go.
func removeStageFix(f *syntax.File, s *model.Stage) analysis.Fix {
	return analysis.Fix{
		Title: fmt.Sprintf("Remove unused stage %s", s.Label()),
		Edits: []analysis.Edit{{Range: wholeLines(f, s.Range)}},
	}
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
