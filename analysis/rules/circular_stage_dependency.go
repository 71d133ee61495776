package rules

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// CircularStageDependency reports stages that need each other (or a stage that
// copies from itself); BuildKit fails with "circular dependency detected".
var CircularStageDependency = &analysis.Analyzer{
	Name:     "CircularStageDependency",
	Severity: analysis.Error,
	Run:      runCircular,
}

func runCircular(p *analysis.Pass) {
	for _, cycle := range p.Model.Cycles() {
		// Reported where the chain starts: the first stage's reference to the next.
		ref := findRef(p.Model, cycle[0], cycle[1%len(cycle)])
		if ref == nil {
			continue
		}
		msg := fmt.Sprintf("stage %s copies from itself", cycle[0].Label())
		if len(cycle) > 1 {
			labels := make([]string, 0, len(cycle)+1)
			for _, s := range cycle {
				labels = append(labels, s.Label())
			}
			labels = append(labels, cycle[0].Label())
			msg = "circular dependency between stages: " + strings.Join(labels, " → ")
		}
		p.Report(analysis.Diagnostic{Range: ref.Range, Message: msg})
	}
}

// findRef is the reference in from that points to to.
func findRef(m *model.Model, from, to *model.Stage) *model.Ref {
	for _, r := range m.Refs {
		if r.Owner == from && r.Target == to {
			return r
		}
	}
	return nil
}
