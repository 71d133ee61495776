package rules

import (
	"fmt"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// ReservedStageName reports stages called scratch or context: both words
// already mean something to BuildKit (the empty image, the build context).
var ReservedStageName = &analysis.Analyzer{
	Name:     "ReservedStageName",
	Doc:      "`scratch` and `context` are reserved and cannot name a stage.",
	Severity: analysis.Error,
	Run: func(p *analysis.Pass) {
		for _, pr := range problems(p, model.ReservedName) {
			p.Report(analysis.Diagnostic{
				Range:   pr.Range,
				Message: fmt.Sprintf("%q is a reserved word in BuildKit and cannot be used as a stage name", pr.Stage.Name),
			})
		}
	},
}
