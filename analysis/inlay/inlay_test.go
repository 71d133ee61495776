package inlay

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// show renders hints inline as ⟨label⟩ at their offsets.
func show(text string, hs []Hint) string {
	var b strings.Builder
	last := 0
	for _, h := range hs {
		b.WriteString(text[last:h.Offset])
		fmt.Fprintf(&b, "⟨%s⟩", h.Label)
		last = h.Offset
	}
	b.WriteString(text[last:])
	return b.String()
}

func TestHints(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"global arg in FROM", "ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION} AS build\n", "ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}⟨= golang:1.22⟩ AS build\n"},
		{"unnamed stages", "FROM alpine AS a\nFROM debian:12\nRUN true\nFROM scratch\n", "FROM alpine AS a\nFROM debian:12⟨#1⟩\nRUN true\nFROM scratch⟨#2⟩\n"},
		{"both on one line", "ARG V=3.20\nFROM alpine:$V\n", "ARG V=3.20\nFROM alpine:$V⟨= alpine:3.20⟩⟨#0⟩\n"},
		{"default forms", "ARG V\nFROM alpine:${V:-3.19}\n", "ARG V\nFROM alpine:${V:-3.19}⟨= alpine:3.19⟩⟨#0⟩\n"},
		{"predefined args stay open", "ARG V=1.22\nFROM --platform=$BUILDPLATFORM golang:$V-$TARGETARCH AS b\n", "ARG V=1.22\nFROM --platform=$BUILDPLATFORM golang:$V-$TARGETARCH⟨= golang:1.22-$TARGETARCH⟩ AS b\n"},
		{"nothing resolved", "FROM golang:$TARGETARCH AS b\n", "FROM golang:$TARGETARCH AS b\n"},
		{"arg declared after FROM is empty", "FROM alpine:$V AS a\nARG V=1\n", "FROM alpine:$V⟨= alpine:⟩ AS a\nARG V=1\n"},
		{"arg chains", "ARG A=3\nARG B=${A}.20\nFROM alpine:$B AS x\n", "ARG A=3\nARG B=${A}.20\nFROM alpine:$B⟨= alpine:3.20⟩ AS x\n"},
		{"half-typed FROM", "FROM ", "FROM "},
		{"crlf", "ARG V=1\r\nFROM a:$V\r\n", "ARG V=1\r\nFROM a:$V⟨= a:1⟩⟨#0⟩\r\n"},
		{"escape backtick continuation", "# escape=`\nARG V=1\nFROM `\n  a:$V AS x\n", "# escape=`\nARG V=1\nFROM `\n  a:$V⟨= a:1⟩ AS x\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := model.Build(syntax.Parse(tt.text))
			got := show(tt.text, Hints(m, syntax.Range{Start: 0, End: len(tt.text)}))
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestRange(t *testing.T) {
	text := "FROM a\nFROM b\nFROM c\n"
	m := model.Build(syntax.Parse(text))
	got := show(text, Hints(m, syntax.Range{Start: 7, End: 13}))
	if want := "FROM a\nFROM b⟨#1⟩\nFROM c\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCorpus(t *testing.T) {
	n := 0
	for _, path := range corpus.Files(t, "real") {
		text := corpus.Read(t, path)
		hs := Hints(model.Build(syntax.Parse(text)), syntax.Range{Start: 0, End: len(text)})
		for i, h := range hs {
			if h.Offset < 0 || h.Offset > len(text) || h.Label == "" || i > 0 && hs[i-1].Offset > h.Offset {
				t.Fatalf("%s: bad hint %+v", path, h)
			}
		}
		n += len(hs)
	}
	t.Logf("%d hints", n)
}
