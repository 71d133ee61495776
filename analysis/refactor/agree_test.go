package refactor_test

import (
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestSingleStageBuildAgreesWithSplit: RULES.md promises that the
// SingleStageBuild diagnostic is where the split is offered, so both must
// read one definition of a build step (analysis/facts). The first five rows
// are the ones issue 11 found disagreeing.
func TestSingleStageBuildAgreesWithSplit(t *testing.T) {
	tests := []struct {
		name, base, run string
		want            bool
	}{
		{"cargo rustc", "rust:1.79", "cargo rustc --release", true},
		{"npx remix build", "node:20", "npx remix build", true},
		{"zig build", "debian:bookworm", "zig build -Doptimize=ReleaseSafe", true},
		{"sbt assembly", "sbtscala/scala-sbt:eclipse-temurin-21", "sbt assembly", true},
		{"lein uberjar", "clojure:lein", "lein uberjar", true},
		{"go build", "golang:1.22", "go build -o /app/server .", true},
		{"npm run build", "node:20", "npm run build", true},
		{"built and cleaned", "alpine:3.20", "apk add --virtual .b gcc make && make && apk del .b", false},
		{"no build", "debian:bookworm", "echo hello", false},
		{"gradle test only", "gradle:8-jdk21", "gradle test", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "FROM " + tt.base + "\nWORKDIR /src\nCOPY . .\nRUN " + tt.run + "\nCMD [\"/src/app\"]\n"
			m := model.Build(syntax.Parse(text))
			fired := false
			analysis.NewPass(rules.SingleStageBuild, m, "", func(analysis.Diagnostic) { fired = true }).Run()
			_, err := refactor.SplitDetail(m.File, m)
			offered := err == nil
			if fired != tt.want || offered != tt.want {
				t.Errorf("RUN %s: SingleStageBuild fires %v, split offered %v (err %v); want both %v", tt.run, fired, offered, err, tt.want)
			}
		})
	}
}
