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

// closestStage suggests a stage for a name that matches none: one whose
// name the value shortens (build for build-env, set for license-set), the
// shortest such, or else the one within a small edit distance, excluding
// the referring stage itself. A shortened name is the stronger clue: "set"
// is one edit from "test", but license-update copying from "set" means
// license-set.
func closestStage(m *model.Model, r *model.Ref) *model.Stage {
	var shortened, typo *model.Stage
	bestDist := len(r.Value)/3 + 1
	want := strings.ToLower(r.Value)
	for _, s := range m.Stages {
		if s.Name == "" || s == r.Owner {
			continue
		}
		if len(want) >= 3 && (strings.HasPrefix(s.Name, want) || strings.HasSuffix(s.Name, "-"+want)) {
			if shortened == nil || len(s.Name) < len(shortened.Name) {
				shortened = s
			}
		}
		if d := editDistance(want, s.Name); d < bestDist {
			typo, bestDist = s, d
		}
	}
	if shortened != nil {
		return shortened
	}
	return typo
}

// editDistance is the optimal-string-alignment distance over bytes: like
// Levenshtein, but swapping two neighbours (the commonest typo) costs one.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
