package rules_test

import (
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestProgramNotInImageQuiet: the program is there, may come from the
// base, or the facts cannot tell; each final stage must stay quiet.
func TestProgramNotInImageQuiet(t *testing.T) {
	const build = "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/server .\n"
	tests := []struct{ name, final string }{
		{"copied", "FROM scratch\nCOPY --from=build /out/server /server\nENTRYPOINT [\"/server\"]\n"},
		{"copied into the workdir", "FROM scratch\nWORKDIR /app\nCOPY --from=build /out/server .\nENTRYPOINT [\"./server\"]\n"},
		{"system path", "FROM alpine:3.20\nENTRYPOINT [\"/bin/sh\", \"-c\", \"echo hi\"]\n"},
		{"directory copied", "FROM alpine:3.20\nCOPY --from=build /out/ /app/\nENTRYPOINT [\"/app/server\"]\n"},
		{"written by a command", "FROM alpine:3.20\nCOPY --from=build /out/server /app/server\nRUN /app/server --generate /app/bin\nENTRYPOINT [\"/app/bin/run\"]\n"},
		{"unknown base", "FROM example.com/team/runtime:1\nENTRYPOINT [\"/app/run\"]\n"},
		{"onbuild base", "FROM node:8-onbuild\nENTRYPOINT [\"/app/run\"]\n"},
		{"shell form", "FROM scratch\nCOPY --from=build /out/server /server\nENTRYPOINT /missing\n"},
		{"through PATH", "FROM alpine:3.20\nENTRYPOINT [\"server\"]\n"},
		{"archive added", "FROM alpine:3.20\nADD app.tar.gz /app/\nENTRYPOINT [\"/app/bin/app\"]\n"},
		{"cloned", "FROM alpine:3.20\nRUN apk add --no-cache git && git clone https://example.com/x.git /app\nENTRYPOINT [\"/app/run.sh\"]\n"},
		{"inherited", "FROM scratch AS base\nCOPY --from=build /out/server /server\nENTRYPOINT [\"/main\"]\nFROM base\nUSER 1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := model.Build(syntax.Parse(build + tt.final))
			analysis.NewPass(rules.ProgramNotInImage, m, "", func(d analysis.Diagnostic) {
				t.Errorf("unexpected: %s", d.Message)
			}).Run()
		})
	}
}
