package check_test

import (
	"context"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestRuleFixtures runs every analyzer over every fixture of testdata/rules:
// each fixture lists exactly the diagnostics it must produce.
func TestRuleFixtures(t *testing.T) {
	analysistest.Run(t, "../../testdata/rules", func(f *syntax.File) []analysis.Diagnostic {
		return check.Run(context.Background(), f, check.Config{})
	})
}

func TestConfig(t *testing.T) {
	const text = "FROM alpine:3.20 AS unused\nRUN true\n\nFROM alpine:3.20\nCOPY --from=unusd /a /b\n"
	tests := []struct {
		name  string
		text  string
		cfg   check.Config
		rules map[string]analysis.Severity
	}{
		{"defaults", text, check.Config{}, map[string]analysis.Severity{"UnknownStage": analysis.Warning}},
		{"disabled", text, check.Config{Severity: map[string]analysis.Severity{"UnknownStage": analysis.Off}}, map[string]analysis.Severity{}},
		{"raised", text, check.Config{Severity: map[string]analysis.Severity{"UnknownStage": analysis.Error}}, map[string]analysis.Severity{"UnknownStage": analysis.Error}},
		{"target makes the other stage unused", text, check.Config{Target: "unused"}, map[string]analysis.Severity{"UnusedStage": analysis.Warning, "UnknownStage": analysis.Warning}},
		{"check skip directive", "# check=skip=UnknownStage\n" + text, check.Config{}, map[string]analysis.Severity{}},
		{"check skip all", "# check=skip=all\n" + text, check.Config{}, map[string]analysis.Severity{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]analysis.Severity{}
			for _, d := range check.Run(context.Background(), syntax.Parse(tt.text), tt.cfg) {
				if d.Rule == "UnusedStage" && d.Severity == analysis.Hint {
					continue // the named stage's hint is covered by the fixtures
				}
				got[d.Rule] = d.Severity
				if d.URL == "" || d.Source != "dockerfile-lsp" {
					t.Errorf("%s: missing URL or source: %+v", d.Rule, d)
				}
			}
			if len(got) != len(tt.rules) {
				t.Fatalf("got %v, want %v", got, tt.rules)
			}
			for r, sev := range tt.rules {
				if got[r] != sev {
					t.Errorf("%s: got %v, want %v", r, got[r], sev)
				}
			}
		})
	}
}
