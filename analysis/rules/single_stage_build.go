package rules

import (
	"fmt"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// SingleStageBuild reports a Dockerfile with one stage that compiles or
// bundles: the image it ships carries the toolchain, the sources and the
// intermediate files. It is the entry point of the "split into build and
// runtime stages" refactoring.
var SingleStageBuild = &analysis.Analyzer{
	Name:     "SingleStageBuild",
	Severity: analysis.Information,
	Run:      runSingleStageBuild,
}

func runSingleStageBuild(p *analysis.Pass) {
	if len(p.Model.Stages) != 1 {
		return
	}
	if !applicationImage(p) || !runsSomething(p) {
		return
	}
	if workloadTools(p, body(finalImage(p)))[""] {
		return // the program compiles at run time (a kernel module): the toolchain stays anyway
	}
	if facts.Of(p.Model).Stages[0].NodeWorkspace() != "" {
		return // a workspace app: the split cannot move its linked node_modules
	}
	builds := facts.Of(p.Model).Stages[0].ShippedBuilds()
	if len(builds) == 0 {
		return
	}
	b := builds[0]
	p.Report(analysis.Diagnostic{
		Range: wordsRange(b.Command.Words, b.Command.Offset),
		Message: fmt.Sprintf("single-stage build: `%s` runs in the image that ships, so the toolchain, the sources and the build's leftovers stay in it; "+
			"build in a stage of its own and COPY --from it only what runs into a small runtime stage", b.Label),
		Related: []analysis.Related{{Range: p.Model.Stages[0].From.Range(), Message: "the only stage"}},
	})
}

// buildsInImage reports whether the chain compiles something outside the
// official build-and-clean pattern.
func buildsInImage(p *analysis.Pass, chain []*model.Stage) bool {
	f := facts.Of(p.Model)
	for _, s := range chain {
		if st := f.Stage(s); st != nil && len(st.ShippedBuilds()) > 0 {
			return true
		}
	}
	return false
}
