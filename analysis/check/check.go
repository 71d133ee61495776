// Package check runs every analyzer (the project's rules and BuildKit's checks)
// over one snapshot with the user's configuration.
package check

import (
	"context"
	"sort"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Config is the user's choice of severities and build target.
type Config struct {
	Severity map[string]analysis.Severity // rule name -> severity (Off disables)
	Target   string                       // stage treated as final; empty means the last
}

// Run analyses f and returns its diagnostics sorted by position. It returns
// early with what it has when ctx is cancelled.
func Run(ctx context.Context, f *syntax.File, cfg Config) []analysis.Diagnostic {
	m := model.Build(f)
	skip := skippedRules(f)
	var out []analysis.Diagnostic
	for _, a := range rules.All {
		if ctx.Err() != nil {
			break
		}
		sev, configured := cfg.Severity[a.Name]
		if skip[strings.ToLower(a.Name)] || skip["all"] || configured && sev == analysis.Off {
			continue
		}
		analysis.NewPass(a, m, cfg.Target, func(d analysis.Diagnostic) {
			if configured {
				d.Severity = sev
			}
			if d.URL == "" {
				d.URL = rules.DocURL(d.Rule)
			}
			out = append(out, d)
		}).Run()
	}
	sortDiagnostics(out)
	return out
}

// skippedRules reads `# check=skip=A,B` (or skip=all), lower-cased, the same
// control BuildKit honours for its own checks.
func skippedRules(f *syntax.File) map[string]bool {
	d, ok := f.Directive("check")
	if !ok {
		return nil
	}
	skip := map[string]bool{}
	for _, part := range strings.Split(d.Value, ";") {
		key, value, _ := strings.Cut(strings.TrimSpace(part), "=")
		if strings.TrimSpace(key) != "skip" {
			continue
		}
		for _, name := range strings.Split(value, ",") {
			skip[strings.ToLower(strings.TrimSpace(name))] = true
		}
	}
	return skip
}

func sortDiagnostics(ds []analysis.Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Range.Start != ds[j].Range.Start {
			return ds[i].Range.Start < ds[j].Range.Start
		}
		return ds[i].Rule < ds[j].Rule
	})
}
