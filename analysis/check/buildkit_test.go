package check_test

import (
	"context"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestBuildKitConfig: BuildKit's checks run by default, obey the same
// per-rule severities as the project's rules, can be disabled, and never
// repeat what a project rule already reports.
func TestBuildKitConfig(t *testing.T) {
	const text = "FROM alpine:3.20 as build\nENV MODE release\nUSER nobody\n"
	rulesOf := func(text string, cfg check.Config) map[string]analysis.Severity {
		got := map[string]analysis.Severity{}
		for _, d := range check.Run(context.Background(), syntax.Parse(text), cfg) {
			if d.Source == "buildkit" {
				got[d.Rule] = d.Severity
			}
		}
		return got
	}
	tests := []struct {
		name string
		text string
		cfg  check.Config
		want map[string]analysis.Severity
	}{
		{"defaults", text, check.Config{}, map[string]analysis.Severity{"FromAsCasing": analysis.Warning, "LegacyKeyValueFormat": analysis.Warning}},
		{"severities", text, check.Config{Severity: map[string]analysis.Severity{"FromAsCasing": analysis.Error, "LegacyKeyValueFormat": analysis.Off}},
			map[string]analysis.Severity{"FromAsCasing": analysis.Error}},
		{"config wins over error=true", "# check=error=true\n" + text, check.Config{Severity: map[string]analysis.Severity{"FromAsCasing": analysis.Information}},
			map[string]analysis.Severity{"FromAsCasing": analysis.Information, "LegacyKeyValueFormat": analysis.Error}},
		{"disabled", text, check.Config{DisableBuildKit: true}, map[string]analysis.Severity{}},
		{"skip is case-insensitive", "# check=skip=fromascasing\n" + text, check.Config{}, map[string]analysis.Severity{"LegacyKeyValueFormat": analysis.Warning}},
		{"skip=all keeps the hard error", "# check=skip=all\nFROM alpine as a\nRUNN x\n", check.Config{}, map[string]analysis.Severity{"BuildKitError": analysis.Error}},
		{"hard error can be configured", "FROM alpine\nRUNN x\n", check.Config{Severity: map[string]analysis.Severity{"BuildKitError": analysis.Off}}, map[string]analysis.Severity{}},
		{"project rule reports the stage index", "FROM alpine\nCOPY --from=5 /a /b\nUSER nobody\n", check.Config{}, map[string]analysis.Severity{}},
		{"unless it is off", "FROM alpine\nCOPY --from=5 /a /b\nUSER nobody\n", check.Config{Severity: map[string]analysis.Severity{"StageIndexOutOfRange": analysis.Off}},
			map[string]analysis.Severity{"BuildKitError": analysis.Error}},
		// BuildKit checks the defaults only: giving the value the hint asks
		// for must not make the finding louder.
		{"build args given", "ARG BASE\nFROM $BASE\nUSER nobody\n", check.Config{BuildArgs: map[string]string{"BASE": "alpine"}}, map[string]analysis.Severity{"InvalidDefaultArgInFrom": analysis.Hint}},
		{"build args missing", "ARG BASE\nFROM $BASE\nUSER nobody\n", check.Config{}, map[string]analysis.Severity{"InvalidDefaultArgInFrom": analysis.Hint}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rulesOf(tt.text, tt.cfg)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for r, sev := range tt.want {
				if got[r] != sev {
					t.Errorf("%s: got %v, want %v", r, got[r], sev)
				}
			}
		})
	}
}

// TestCheckBuildArg: a BUILDKIT_DOCKERFILE_CHECK build argument replaces the
// `# check=` directive, as in a build, for BuildKit's checks and the
// project's rules alike.
func TestCheckBuildArg(t *testing.T) {
	// FromAsCasing and LegacyKeyValueFormat are BuildKit's, UnknownStage and
	// UnusedStage the project's.
	const body = "FROM alpine:3.20 as build\nENV MODE release\n\nFROM alpine:3.20\nCOPY --from=buidl /a /b\n"
	const directive = "# check=skip=FromAsCasing,UnknownStage\n"
	args := func(v string) map[string]string { return map[string]string{"BUILDKIT_DOCKERFILE_CHECK": v} }
	tests := []struct {
		name string
		text string
		args map[string]string
		want map[string]analysis.Severity
	}{
		{"directive alone", directive + body, nil,
			map[string]analysis.Severity{"LegacyKeyValueFormat": analysis.Warning, "UnusedStage": analysis.Hint}},
		{"argument replaces the directive", directive + body, args("skip=LegacyKeyValueFormat,UnusedStage"),
			map[string]analysis.Severity{"FromAsCasing": analysis.Warning, "UnknownStage": analysis.Warning}},
		{"skip=all", body, args("skip=all"), map[string]analysis.Severity{}},
		{"error=true", body, args("error=true"),
			map[string]analysis.Severity{"FromAsCasing": analysis.Error, "LegacyKeyValueFormat": analysis.Error, "UnknownStage": analysis.Warning, "UnusedStage": analysis.Hint}},
		{"error=false over the directive", "# check=error=true\n" + body, args("error=false"),
			map[string]analysis.Severity{"FromAsCasing": analysis.Warning, "LegacyKeyValueFormat": analysis.Warning, "UnknownStage": analysis.Warning, "UnusedStage": analysis.Hint}},
		{"experimental", "# the build stage\nFROM alpine:3.20 AS build\nUSER nobody\n", args("experimental=InvalidDefinitionDescription"),
			map[string]analysis.Severity{"InvalidDefinitionDescription": analysis.Warning}},
		{"invalid argument: an error, and the directive applies", directive + body, args("skip"),
			map[string]analysis.Severity{"BuildKitError": analysis.Error, "LegacyKeyValueFormat": analysis.Warning, "UnusedStage": analysis.Hint}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]analysis.Severity{}
			for _, d := range check.Run(context.Background(), syntax.Parse(tt.text), check.Config{BuildArgs: tt.args}) {
				got[d.Rule] = d.Severity
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for r, sev := range tt.want {
				if got[r] != sev {
					t.Errorf("%s: got %v, want %v", r, got[r], sev)
				}
			}
		})
	}
}

// TestBuildKitCancelled: a cancelled run returns the project's findings
// without waiting for BuildKit.
func TestBuildKitCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, d := range check.Run(ctx, syntax.Parse("FROM alpine as cancelled\nENV A b\n"), check.Config{}) {
		if d.Source == "buildkit" {
			t.Errorf("BuildKit ran on a cancelled context: %v", d)
		}
	}
}
