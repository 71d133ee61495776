package server

import (
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

type hoverResult struct {
	Contents struct {
		Kind  string `json:"kind"`
		Value string `json:"value"`
	} `json:"contents"`
	Range *lsptest.Range `json:"range"`
}

func TestHoverLSP(t *testing.T) {
	const markdown = `{"textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}}`
	tests := []struct {
		name, caps, input string
		kind, cover       string
		want              []string
	}{
		{"markdown flag", markdown, "FROM alpine AS build\nFROM alpine\nCOPY --from=build --ch<|>own=1:1 /a /b\n", "markdown", "--chown=1:1", []string{"**COPY --chown**"}},
		{"plain text for a client without markdown", `{}`, "FROM alpine AS build\nFROM alpine\nCOPY --from=build --ch<|>own=1:1 /a /b\n", "plaintext", "--chown=1:1", []string{"COPY --chown\n"}},
		{"mount key", markdown, "FROM alpine\nRUN --mount=type=cache,sha<|>ring=locked,target=/x true\n", "markdown", "sharing=locked", []string{"`sharing` (cache mount)"}},
		{"stage", markdown, "FROM golang:1.22 AS build\nFROM alpine\nCOPY --from=bu<|>ild /a /b\n", "markdown", "build", []string{"**Stage** `build`", "final image: built for it"}},
		{"variable with utf-16 columns", markdown, "FROM alpine\nARG V=1\nRUN echo \"😀\" $V<|>\n", "markdown", "V", []string{"**ARG** `V` = `1`"}},
		{"image", markdown, "FROM gol<|>ang:1.22\n", "markdown", "golang:1.22", []string{"`docker.io/library/golang:1.22`"}},
		{"directive", markdown, "# esc<|>ape=`\nFROM alpine\n", "markdown", "# escape=`", []string{"backtick"}},
		{"crlf", markdown, "FROM alpine\r\nWORK<|>DIR /x\r\n", "markdown", "WORKDIR", []string{"**WORKDIR**"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, text, pos := openAt(t, tt.caps, tt.input)
			var res hoverResult
			if err := s.Call(testContext(t), "textDocument/hover", posParams(docURI, pos), &res); err != nil {
				t.Fatal(err)
			}
			if res.Contents.Kind != tt.kind {
				t.Errorf("kind %q, want %q", res.Contents.Kind, tt.kind)
			}
			if res.Range == nil || textOf(text, *res.Range) != tt.cover {
				t.Errorf("range %v, want it over %q", res.Range, tt.cover)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.Contents.Value, w) {
					t.Errorf("hover lacks %q:\n%s", w, res.Contents.Value)
				}
			}
		})
	}
}

func TestHoverNothingLSP(t *testing.T) {
	s, _, pos := openAt(t, `{}`, "FROM alpine\nRUN echo hel<|>lo\n")
	var res any = "unset"
	if err := s.Call(testContext(t), "textDocument/hover", posParams(docURI, pos), &res); err != nil || res != nil {
		t.Errorf("hover on a plain word = %v, %v; want null", res, err)
	}
}

func TestHoverTargetSetting(t *testing.T) {
	s := newSession(t, Options{DiagnosticsDelay: -1})
	s.initialize(t, `{"textDocument": {"hover": {"contentFormat": ["markdown"]}}}`, map[string]any{"target": "test"})
	text, pos := marked(t, "FROM alpine AS bu<|>ild\nFROM build AS test\nFROM alpine AS prod\n")
	s.open(t, docURI, text)
	var res hoverResult
	if err := s.Call(testContext(t), "textDocument/hover", posParams(docURI, pos), &res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Contents.Value, "built for it, through `test`") {
		t.Errorf("with target test, build is in the final image:\n%s", res.Contents.Value)
	}
}
