package rules

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/spelling"
)

// UnknownStage reports --from / from= values that name no stage but look like
// a stage name rather than an image. BuildKit does not complain: it quietly
// pulls an image of that name, which is almost never what a typo meant.
var UnknownStage = &analysis.Analyzer{
	Name:     "UnknownStage",
	Severity: analysis.Warning,
	Run:      runUnknownStage,
}

func runUnknownStage(p *analysis.Pass) {
	for _, r := range p.Model.Refs {
		if r.Kind == model.RefFrom || r.Target != nil || r.ByIndex || r.Value == "" || !looksLikeStageName(r.Value) || isIndex(r.Value) {
			continue
		}
		d := analysis.Diagnostic{
			Range:   r.Range,
			Message: fmt.Sprintf("no stage is named %q: BuildKit would pull the image docker.io/library/%s instead", r.Value, r.Value),
		}
		if s := closestStage(p.Model, r); s != nil {
			d.Message += fmt.Sprintf("; did you mean %q?", s.Name)
			d.Related = []analysis.Related{{Range: s.NameRange, Message: fmt.Sprintf("stage %q is declared here", s.Name)}}
			d.Fixes = []analysis.Fix{{
				Title:     fmt.Sprintf("Did you mean '%s'?", s.Name),
				Edits:     []analysis.Edit{{Range: r.Range, NewText: s.Name}},
				Preferred: true,
			}}
		} else {
			// Copying from a real image such as busybox is legitimate; without a
			// near stage name this is worth a look, not a warning.
			d.Severity = analysis.Information
			d.Message += "; if that image is intended, write it with a tag or registry to make it explicit"
		}
		p.Report(d)
	}
}

// looksLikeStageName: image references with a registry, path, tag or digest are
// clearly images; a bare word could be either.
func looksLikeStageName(v string) bool {
	return !strings.ContainsAny(v, "/:@.$")
}

// isIndex: a number is a stage index, out of range if it matched nothing,
// which StageIndexOutOfRange reports.
func isIndex(v string) bool {
	return strings.Trim(v, "0123456789") == ""
}

// closestStage suggests a stage for a name that matches none, excluding the
// referring stage itself.
func closestStage(m *model.Model, r *model.Ref) *model.Stage {
	var names []string
	for _, s := range m.Stages {
		if s.Name != "" && s != r.Owner {
			names = append(names, s.Name)
		}
	}
	if best := spelling.Suggest(r.Value, names); best != "" {
		return m.StageByName(best)
	}
	return nil
}
