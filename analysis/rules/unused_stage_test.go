package rules_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// vendoredFile is issue 10's example: update and validate are built on or
// copy from vendored, which nothing the final stage needs uses.
const vendoredFile = "FROM alpine AS base\nWORKDIR /src\n\n" +
	"FROM base AS vendored\nRUN make vendor\n\n" +
	"FROM scratch AS update\nCOPY --from=vendored /out /out\n\n" +
	"FROM vendored AS validate\nRUN --mount=target=. make check\n\n" +
	"FROM base AS final\nRUN make\n"

// TestRemoveUnusedStages applies the fix of the UnusedStage finding on one
// stage: it removes the stages that depend on it with it, renumbers the
// references by index to the stages after it, or is not offered; the result
// must have no dangling reference and no new BuildKit error.
func TestRemoveUnusedStages(t *testing.T) {
	tests := []struct {
		name, in string
		stage    string // the FROM line of the stage the finding is on
		title    string // empty when no fix may be offered
		want     string
	}{{
		name:  "the stages built on or copying from it go with it",
		in:    vendoredFile,
		stage: "FROM base AS vendored",
		title: "Remove unused stages vendored, update, validate",
		want:  "FROM alpine AS base\nWORKDIR /src\n\n\n\n\nFROM base AS final\nRUN make\n",
	}, {
		name:  "a stage nothing depends on goes alone",
		in:    vendoredFile,
		stage: "FROM scratch AS update",
		title: "Remove unused stage update",
		want: "FROM alpine AS base\nWORKDIR /src\n\nFROM base AS vendored\nRUN make vendor\n\n\n" +
			"FROM vendored AS validate\nRUN --mount=target=. make check\n\nFROM base AS final\nRUN make\n",
	}, {
		name:  "a mount from it, and the stage that depends on that stage",
		in:    "FROM alpine AS tools\nRUN make tools\nFROM alpine AS lint\nRUN --mount=from=tools,target=/t /t/lint\nFROM lint AS report\nRUN report\nFROM alpine\nRUN make\n",
		stage: "FROM alpine AS tools",
		title: "Remove unused stages tools, lint, report",
		want:  "FROM alpine\nRUN make\n",
	}, {
		name:  "references by index to the stages after it are renumbered",
		in:    "FROM alpine\nRUN echo unused\nFROM golang:1.22\nRUN go build -o /app .\nFROM scratch\nCOPY --from=1 /app /app\n",
		stage: "FROM alpine",
		title: "Remove unused stage 0",
		want:  "FROM golang:1.22\nRUN go build -o /app .\nFROM scratch\nCOPY --from=0 /app /app\n",
	}, {
		name:  "an unnamed stage copying from it by index goes with it",
		in:    "FROM alpine AS gen\nRUN gen\nFROM alpine\nCOPY --from=0 /x /x\nFROM golang:1.22\nRUN go build -o /app .\nFROM scratch\nCOPY --from=2 /app /app\n",
		stage: "FROM alpine AS gen",
		title: "Remove unused stages gen, 1",
		want:  "FROM golang:1.22\nRUN go build -o /app .\nFROM scratch\nCOPY --from=0 /app /app\n",
	}, {
		name:  "not when an ONBUILD trigger counts the stages after it",
		in:    "FROM alpine\nRUN echo unused\nFROM golang:1.22\nRUN go build -o /app .\nFROM alpine AS lib\nONBUILD COPY --from=1 /app /app\nFROM lib\nRUN true\n",
		stage: "FROM alpine\nRUN echo unused",
	}, {
		name:  "not when a COPY --from with a variable might name it",
		in:    "ARG SRC=gen\nFROM alpine AS gen\nRUN gen\nFROM scratch\nARG SRC\nCOPY --from=$SRC /x /x\n",
		stage: "FROM alpine AS gen",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			at := strings.Index(tc.in, tc.stage)
			if at < 0 {
				t.Fatalf("no %q in the input", tc.stage)
			}
			before := check.Run(context.Background(), syntax.Parse(tc.in), check.Config{})
			var fixes []analysis.Fix
			found := false
			for _, d := range before {
				if d.Rule == "UnusedStage" && d.Range.Start == at {
					fixes, found = d.Fixes, true
				}
			}
			if !found {
				t.Fatalf("no UnusedStage on %q", tc.stage)
			}
			if tc.title == "" {
				if len(fixes) > 0 {
					t.Fatalf("fix %q offered, want none", fixes[0].Title)
				}
				return
			}
			if len(fixes) != 1 || fixes[0].Title != tc.title {
				t.Fatalf("fixes %+v, want one titled %q", fixes, tc.title)
			}
			got := apply(t, tc.in, fixes[0].Edits)
			if got != tc.want {
				t.Errorf("fixed text:\n%s\nwant:\n%s", got, tc.want)
			}
			errors := map[string]bool{}
			for _, d := range before {
				if d.Rule == "BuildKitError" {
					errors[d.Message] = true
				}
			}
			for _, d := range check.Run(context.Background(), syntax.Parse(got), check.Config{}) {
				if d.Rule == "UnknownStage" || d.Rule == "StageIndexOutOfRange" || d.Rule == "BuildKitError" && !errors[d.Message] {
					t.Errorf("after the fix, %s: %s", d.Rule, d.Message)
				}
			}
		})
	}
}
