package rules

import (
	"fmt"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// DuplicateStageName reports a stage name used twice; names are compared
// case-insensitively. BuildKit only warns, then silently resolves the name
// to the later stage, which is rarely what the author of the first meant.
var DuplicateStageName = &analysis.Analyzer{
	Name:     "DuplicateStageName",
	Severity: analysis.Warning,
	Run: func(p *analysis.Pass) {
		for _, pr := range problems(p, model.DuplicateName) {
			first := p.Model.FirstStageNamed(pr.Stage.Name)
			p.Report(analysis.Diagnostic{
				Range:   pr.Range,
				Message: fmt.Sprintf("stage name %q is already taken by stage %d; BuildKit resolves the name to the later stage", pr.Stage.Name, first.Index),
				Related: []analysis.Related{{Range: first.NameRange, Message: "first declared here"}},
			})
		}
	},
}
