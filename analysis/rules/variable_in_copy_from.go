package rules

import (
	"fmt"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// VariableInCopyFrom reports COPY --from values with variables, which BuildKit
// refuses to expand.
var VariableInCopyFrom = &analysis.Analyzer{
	Name:     "VariableInCopyFrom",
	Severity: analysis.Error,
	Run: func(p *analysis.Pass) {
		for _, pr := range problems(p, model.VariableInFrom) {
			p.Report(analysis.Diagnostic{
				Range:   pr.Range,
				Message: fmt.Sprintf("COPY --from=%s will fail: BuildKit does not expand variables here; add a stage `FROM %s AS src` and copy --from=src", pr.Ref.Value, pr.Ref.Value),
			})
		}
	},
}
