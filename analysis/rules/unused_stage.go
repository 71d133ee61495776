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
	users := stageUsers(p.Model)
	for _, s := range p.Model.Stages {
		if needed[s] {
			continue
		}
		var fixes []analysis.Fix
		if fix, ok := removeStagesFix(p.Model, s, needed, users); ok {
			fixes = []analysis.Fix{fix}
		}
		if s.Name == "" {
			p.Report(analysis.Diagnostic{
				Range:   fromLine(s),
				Message: fmt.Sprintf("stage %d is never used: %s does not depend on it, and an unnamed stage cannot be picked with --target", s.Index, finalLabel(p, final)),
				Fixes:   fixes,
			})
			continue
		}
		msg := fmt.Sprintf("stage %q is not used by %s; it is built only when asked for with --target %s", s.Name, finalLabel(p, final), s.Name)
		if p.Targeted != nil {
			msg = fmt.Sprintf("stage %q is not used by %s, and no Compose or Bake file, CI workflow, Makefile or script in the workspace builds it with --target %s", s.Name, finalLabel(p, final), s.Name)
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
func removeStagesFix(m *model.Model, s *model.Stage, needed map[*model.Stage]bool, users map[*model.Stage][]*model.Stage) (analysis.Fix, bool) {
	gone := map[*model.Stage]bool{}
	for todo := append([]*model.Stage{s}, users[nil]...); len(todo) > 0; {
		st := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if gone[st] {
			continue
		}
		if needed[st] {
			return analysis.Fix{}, false
		}
		gone[st] = true
		todo = append(todo, users[st]...)
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

// stageUsers maps each stage to the stages whose FROM, COPY --from or
// RUN --mount from= names it, or could with a --build-arg (ONBUILD triggers
// included); under nil are the stages with a `COPY --from` that has a
// variable, which the model leaves unresolved: it may name any stage.
func stageUsers(m *model.Model) map[*model.Stage][]*model.Stage {
	users := map[*model.Stage][]*model.Stage{}
	for _, r := range m.Refs {
		if r.Owner == nil {
			continue
		}
		if r.Target != nil {
			users[r.Target] = append(users[r.Target], r.Owner)
		}
		for _, c := range r.Candidates {
			users[c] = append(users[c], r.Owner)
		}
		if r.Kind == model.RefCopyFrom && r.Target == nil && strings.Contains(r.Value, "$") {
			users[nil] = append(users[nil], r.Owner)
		}
	}
	return users
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

// finalLabel names the final stage for a message: by name, or, unnamed, by
// index and line ("the final stage (#32, line 412)"), since a bare number
// is hard to find in a long file.
func finalLabel(p *analysis.Pass, final *model.Stage) string {
	if final.Name != "" {
		return "the final stage " + final.Name
	}
	line, _ := p.File.Lines().Position(final.From.Range().Start)
	return fmt.Sprintf("the final stage (#%d, line %d)", final.Index, line+1)
}
