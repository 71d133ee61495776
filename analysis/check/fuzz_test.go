package check_test

import (
	"context"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// FuzzRules runs every project rule over arbitrary text: nothing may
// panic, and every edit of the file a fix makes must lie inside it (the
// code actions have refactor.FuzzActions). The seeds are the shapes the
// facts read most (builds, cache mounts, shells, healthchecks, build
// arguments); `go test` runs them, `-fuzz` explores from them.
func FuzzRules(f *testing.F) {
	for _, s := range []string{
		"FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\nHEALTHCHECK CMD /app x\nCMD /app --x\n",
		"FROM rust:1.79 AS b\nRUN --mount=type=cache,target=/app/target cargo build --release && cp target/release/x /x\nFROM alpine\nCOPY --from=b /x /x\nCOPY --from=b /app/target/release/x /y\n",
		"FROM gcr.io/distroless/static\nSHELL [\"/busybox/sh\",\"-c\"]\nRUN x\nENTRYPOINT a b\n",
		"FROM python:3.12\nARG CGO_ENABLED\nRUN pip install -r requirements.txt\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		file := syntax.Parse(text)
		ds := check.Run(context.Background(), file, check.Config{DisableBuildKit: true})
		for _, d := range ds {
			for _, fx := range d.Fixes {
				for _, e := range fx.Edits {
					if e.Path == "" && (e.Range.Start < 0 || e.Range.End > len(text) || e.Range.Start > e.Range.End) {
						t.Fatalf("%s: bad edit %v", d.Rule, e.Range)
					}
				}
			}
		}
	})
}
