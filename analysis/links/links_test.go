package links

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

func TestLinks(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "text -> url"
	}{
		{"official image", "FROM golang:1.22 AS build\n", []string{"golang:1.22 -> https://hub.docker.com/_/golang"}},
		{"user image", "FROM bitnami/redis:7\n", []string{"bitnami/redis:7 -> https://hub.docker.com/r/bitnami/redis"}},
		{"registries", "FROM ghcr.io/o/n:1\nFROM quay.io/o/n\nFROM mcr.microsoft.com/dotnet/sdk:8.0\nFROM gcr.io/distroless/static-debian12\nFROM docker.io/library/alpine@sha256:2b0ae5a9a7d2b8e0c5f1c9f3f7a4b6b1d6d8c2e2a1f0e9d8c7b6a5f4e3d2c1b0\n", []string{
			"ghcr.io/o/n:1 -> https://ghcr.io/o/n",
			"quay.io/o/n -> https://quay.io/repository/o/n",
			"mcr.microsoft.com/dotnet/sdk:8.0 -> https://mcr.microsoft.com/en-us/artifact/mar/dotnet/sdk",
			"gcr.io/distroless/static-debian12 -> https://gcr.io/distroless/static-debian12",
			"docker.io/library/alpine@sha256:2b0ae5a9a7d2b8e0c5f1c9f3f7a4b6b1d6d8c2e2a1f0e9d8c7b6a5f4e3d2c1b0 -> https://hub.docker.com/_/alpine",
		}},
		{"with platform flag", "FROM --platform=$BUILDPLATFORM node:20\n", []string{"node:20 -> https://hub.docker.com/_/node"}},
		{"stage names are not links", "FROM alpine AS base\nFROM base\n", []string{"alpine -> https://hub.docker.com/_/alpine"}},
		{"stage declared later is an image", "FROM build\nFROM alpine AS build\n", []string{"build -> https://hub.docker.com/_/build", "alpine -> https://hub.docker.com/_/alpine"}},
		{"templated references are not links", "ARG V=1.22\nFROM golang:${V}\nFROM $BASE\n", nil},
		{"scratch", "FROM scratch\n", nil},
		{"unknown registry", "FROM registry.example.com/a/b:1\nFROM localhost:5000/x\n", nil},
		{"copy from an image", "FROM alpine AS build\nCOPY --from=busybox:1.36 /bin/sh /sh\nCOPY --from=build /a /b\nCOPY --from=nosuch /a /b\nRUN --mount=from=ghcr.io/o/tools:1,target=/t true\n", []string{
			"alpine -> https://hub.docker.com/_/alpine",
			"busybox:1.36 -> https://hub.docker.com/_/busybox",
			"ghcr.io/o/tools:1 -> https://ghcr.io/o/tools",
		}},
		{"copy from before a later FROM", "FROM alpine\nCOPY --from=nginx:1 /a /b\nFROM debian:12\n", []string{
			"alpine -> https://hub.docker.com/_/alpine",
			"nginx:1 -> https://hub.docker.com/_/nginx",
			"debian:12 -> https://hub.docker.com/_/debian",
		}},
		{"half-typed", "FROM \nFROM gol", []string{"gol -> https://hub.docker.com/_/gol"}},
		{"crlf and escape", "# escape=`\r\nFROM `\r\n  alpine:3.20\r\n", []string{"alpine:3.20 -> https://hub.docker.com/_/alpine"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, l := range Links(model.Build(syntax.Parse(tt.text))) {
				got = append(got, fmt.Sprintf("%s -> %s", tt.text[l.Range.Start:l.Range.End], l.Target))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestCorpus(t *testing.T) {
	n := 0
	for _, path := range corpus.Files(t, "real") {
		text := corpus.Read(t, path)
		for _, l := range Links(model.Build(syntax.Parse(text))) {
			if l.Range.Start < 0 || l.Range.End > len(text) || !strings.HasPrefix(l.Target, "https://") {
				t.Fatalf("%s: bad link %+v", path, l)
			}
			n++
		}
	}
	t.Logf("%d links", n)
}
