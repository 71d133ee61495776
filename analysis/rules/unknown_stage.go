package rules

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// UnknownStage reports --from / from= values that name no stage but look like
// a stage name rather than an image. BuildKit does not complain: it quietly
// pulls an image of that name, which is almost never what a typo meant.
var UnknownStage = &analysis.Analyzer{
	Name:     "UnknownStage",
	Doc:      "A --from or from= value that matches no stage is pulled as an image from Docker Hub.",
	Severity: analysis.Warning,
	Run:      runUnknownStage,
}

func runUnknownStage(p *analysis.Pass) {
	for _, r := range p.Model.Refs {
		if r.Kind == model.RefFrom || r.Target != nil || r.ByIndex || r.Value == "" || !looksLikeStageName(r.Value) {
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

// closestStage suggests the stage whose name is within a small edit distance,
// excluding the referring stage itself.
func closestStage(m *model.Model, r *model.Ref) *model.Stage {
	var best *model.Stage
	bestDist := len(r.Value)/3 + 1
	want := strings.ToLower(r.Value)
	for _, s := range m.Stages {
		if s.Name == "" || s == r.Owner {
			continue
		}
		if d := editDistance(want, s.Name); d < bestDist || best == nil && strings.HasPrefix(s.Name, want) {
			best, bestDist = s, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance over bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
