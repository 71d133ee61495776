package rules

import (
	"fmt"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// StageIndexOutOfRange reports COPY --from=N where no stage N exists; BuildKit
// fails the build with "invalid stage index".
var StageIndexOutOfRange = &analysis.Analyzer{
	Name:     "StageIndexOutOfRange",
	Severity: analysis.Error,
	Run: func(p *analysis.Pass) {
		n := len(p.Model.Stages)
		for _, pr := range problems(p, model.IndexOutOfRange) {
			msg := fmt.Sprintf("there is no stage %s: this file has %d stages, numbered 0 to %d", pr.Ref.Value, n, n-1)
			if n == 1 {
				msg = fmt.Sprintf("there is no stage %s: this file has only stage 0", pr.Ref.Value)
			}
			p.Report(analysis.Diagnostic{Range: pr.Range, Message: msg})
		}
	},
}

// problems selects the model's problems of one kind.
func problems(p *analysis.Pass, kind model.ProblemKind) []model.Problem {
	var out []model.Problem
	for _, pr := range p.Model.Problems {
		if pr.Kind == kind {
			out = append(out, pr)
		}
	}
	return out
}
