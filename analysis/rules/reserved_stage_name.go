package rules

import (
	"fmt"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// ReservedStageName reports stages called scratch or context: both words
// already mean something to BuildKit (the empty image, the build context).
// BuildKit warns and builds, but a later FROM scratch then means the stage.
var ReservedStageName = &analysis.Analyzer{
	Name:     "ReservedStageName",
	Severity: analysis.Warning,
	Run: func(p *analysis.Pass) {
		for _, pr := range problems(p, model.ReservedName) {
			p.Report(analysis.Diagnostic{
				Range:   pr.Range,
				Message: fmt.Sprintf("%q is a reserved word in BuildKit (%s); naming a stage with it makes later references ambiguous", pr.Stage.Name, reservedMeaning[pr.Stage.Name]),
			})
		}
	},
}

var reservedMeaning = map[string]string{"scratch": "the empty image", "context": "the build context"}
