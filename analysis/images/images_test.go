package images

import (
	"strings"
	"testing"
)

func TestParseRef(t *testing.T) {
	tests := []struct{ in, repo, tag, digest string }{
		{"golang", "golang", "", ""},
		{"docker.io/library/golang:1.22-alpine", "golang", "1.22-alpine", ""},
		{"index.docker.io/library/node:20@sha256:abc", "node", "20", "sha256:abc"},
		{"library/python:3.12", "python", "3.12", ""},
		{"mcr.microsoft.com/dotnet/sdk:8.0", "mcr.microsoft.com/dotnet/sdk", "8.0", ""},
		{"localhost:5000/golang", "localhost:5000/golang", "", ""},
		{"localhost:5000/golang:1.22", "localhost:5000/golang", "1.22", ""},
		{"Docker.io/Library/Golang:1.22", "golang", "1.22", ""},
	}
	for _, tt := range tests {
		r := ParseRef(tt.in)
		if r.Repo != tt.repo || r.Tag != tt.tag || r.Digest != tt.digest {
			t.Errorf("ParseRef(%q) = %+v", tt.in, r)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		ref      string
		want     bool
		size     int
		runtimes string
	}{
		{"golang:1.22", true, 290, "gcr.io/distroless/static-debian12, alpine, scratch"},
		{"docker.io/library/golang:1.22-alpine", true, 75, "gcr.io/distroless/static-debian12, alpine, scratch"},
		{"golang:1.26.6@sha256:640a", true, 290, ""},
		{"rust:1.79", true, 550, "gcr.io/distroless/cc-debian12, debian:bookworm-slim"},
		{"rust:1-slim-bookworm", true, 260, ""},
		{"gcc:13", true, 480, ""},
		{"buildpack-deps:bookworm", true, 330, "debian:bookworm-slim"},
		{"buildpack-deps:trixie-scm", false, 0, ""},
		{"buildpack-deps:bookworm-curl", false, 0, ""},
		{"buildpack-deps", true, 330, "debian:bookworm-slim"},
		{"maven:3.9.6-eclipse-temurin-17", true, 260, "eclipse-temurin:17-jre, gcr.io/distroless/java17-debian12"},
		{"gradle:8.7-jdk21", true, 350, "eclipse-temurin:21-jre, gcr.io/distroless/java21-debian12"},
		{"gradle:latest", true, 350, "eclipse-temurin:21-jre, gcr.io/distroless/java21-debian12"},
		{"eclipse-temurin:17-jdk", true, 190, "eclipse-temurin:17-jre, gcr.io/distroless/java17-debian12"},
		{"eclipse-temurin:21", true, 190, ""},
		{"eclipse-temurin:17-jre-focal", false, 0, ""},
		{"eclipse-temurin:25.0.3_9-jre-alpine", false, 0, ""},
		{"openjdk:8-alpine", true, 100, "eclipse-temurin:8-jre-alpine"},
		{"openjdk:8-jre-alpine", false, 0, ""},
		{"openjdk:1.8", true, 230, "eclipse-temurin:8-jre"},
		{"mcr.microsoft.com/dotnet/sdk:8.0", true, 280, "mcr.microsoft.com/dotnet/aspnet:8.0, mcr.microsoft.com/dotnet/runtime:8.0"},
		{"mcr.microsoft.com/dotnet/sdk:9.0.100-alpine3.20", true, 220, "mcr.microsoft.com/dotnet/aspnet:9.0, mcr.microsoft.com/dotnet/runtime:9.0"},
		{"mcr.microsoft.com/dotnet/aspnet:8.0", false, 0, ""},
		{"node:20", true, 390, "node:20-slim"},
		{"node", true, 390, "node:slim"},
		{"node:20-bookworm", true, 390, ""},
		{"node:20-alpine", false, 0, ""},
		{"node:20-bookworm-slim", false, 0, ""},
		{"node:alpine", false, 0, ""},
		{"node:25.9.0-alpine", false, 0, ""},
		{"python:3.12", true, 370, "python:3.12-slim"},
		{"python:3.12-slim", false, 0, ""},
		{"python:2-alpine", false, 0, ""},
		{"python:3.14.7-alpine3.24", false, 0, ""},
		{"python:3.12-windowsservercore", false, 0, ""},
		{"ruby:3.3", true, 360, "ruby:3.3-slim"},
		{"alpine:3.20", false, 0, ""},
		{"debian:bookworm", false, 0, ""},
		{"scratch", false, 0, ""},
		{"swift:5.10", true, 800, "swift:5.10-slim"},
		{"swift:5.10-slim", false, 0, ""},
		{"", false, 0, ""},
	}
	for _, tt := range tests {
		m, ok := Lookup(tt.ref)
		if ok != tt.want {
			t.Errorf("Lookup(%q) ok = %v", tt.ref, ok)
			continue
		}
		if !ok {
			continue
		}
		if m.SizeMB != tt.size {
			t.Errorf("Lookup(%q) size = %d, want %d", tt.ref, m.SizeMB, tt.size)
		}
		if got := strings.Join(m.Runtimes(), ", "); tt.runtimes != "" && got != tt.runtimes {
			t.Errorf("Lookup(%q) runtimes = %q, want %q", tt.ref, got, tt.runtimes)
		}
	}
}

func TestSlimTag(t *testing.T) {
	tests := []struct{ ref, want string }{
		{"node:20", "20-slim"},
		{"node:20-bookworm", "20-bookworm-slim"},
		{"node", "slim"},
		{"node:lts", "lts-slim"},
		{"python:3.12", "3.12-slim"},
		{"python:3.11-bookworm", "3.11-slim-bookworm"},
		{"python:3.12.1", "3.12.1-slim"},
		{"python:latest", "slim"},
		{"python:3.12-onbuild", ""},
		{"golang:1.22", ""},
	}
	for _, tt := range tests {
		m, ok := Lookup(tt.ref)
		if !ok {
			t.Fatalf("Lookup(%q) failed", tt.ref)
		}
		got, _ := m.SlimTag()
		if got != tt.want {
			t.Errorf("SlimTag(%q) = %q, want %q", tt.ref, got, tt.want)
		}
	}
}

func TestNonRoot(t *testing.T) {
	for ref, want := range map[string]bool{
		"gcr.io/distroless/static-debian12:nonroot":                             true,
		"gcr.io/distroless/static:nonroot-amd64":                                true,
		"gcr.io/distroless/cc-debian13:nonroot@sha256:d97b":                     true,
		"gcr.io/distroless/base-debian12:debug-nonroot":                         true,
		"gcr.io/distroless/static-debian12":                                     false,
		"docker.io/nginxinc/nginx-unprivileged:1.27":                            true,
		"cgr.dev/chainguard/static":                                             true,
		"cgr.dev/chainguard/python:latest-dev":                                  false,
		"mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled":                    true,
		"mcr.microsoft.com/dotnet/aspnet:8.0":                                   false,
		"mcr.microsoft.com/dotnet/aspnet:8.0.30-azurelinux3.0-distroless-amd64": true,
		"alpine":                                false,
		"bitnami/redis:7.2":                     true,
		"grafana/k6:0.52.0":                     true,
		"quay.io/jupyter/scipy-notebook:latest": true,
		"grafana/k6-operator":                   false,
		"gcr.io/distroless/static-debian13:nonroot-${DISTROLESS_A}": true,
	} {
		if got := NonRoot(ref); got != want {
			t.Errorf("NonRoot(%q) = %v", ref, got)
		}
	}
}

func TestLacksShell(t *testing.T) {
	for ref, want := range map[string]bool{
		"scratch": true,
		"gcr.io/distroless/static-debian12:nonroot":                             true,
		"gcr.io/distroless/base-debian12":                                       true,
		"gcr.io/distroless/python3-debian12@sha256:abcd":                        true,
		"gcr.io/distroless/base-debian12:debug":                                 false,
		"gcr.io/distroless/static:debug-nonroot":                                false,
		"mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled":              true,
		"mcr.microsoft.com/dotnet/aspnet:8.0.30-azurelinux3.0-distroless-amd64": true,
		"mcr.microsoft.com/dotnet/aspnet:8.0":                                   false,
		"cgr.dev/chainguard/static:latest":                                      true,
		"cgr.dev/chainguard/glibc-dynamic:latest-dev":                           false,
		"cgr.dev/chainguard/wolfi-base":                                         false,
		"cgr.dev/chainguard/python":                                             false,
		"alpine:3.20":                                                           false,
		"busybox":                                                               false,
	} {
		if got := LacksShell(ref); got != want {
			t.Errorf("LacksShell(%q) = %v", ref, got)
		}
	}
}

func TestLibc(t *testing.T) {
	for ref, want := range map[string]string{
		"scratch": LibcNone,
		"gcr.io/distroless/static-debian12:nonroot":     LibcNone,
		"gcr.io/distroless/static":                      LibcNone,
		"gcr.io/distroless/base-debian12":               LibcGlibc,
		"gcr.io/distroless/cc-debian12:nonroot":         LibcGlibc,
		"cgr.dev/chainguard/static":                     LibcNone,
		"cgr.dev/chainguard/glibc-dynamic":              LibcGlibc,
		"alpine:3.20":                                   LibcMusl,
		"golang:1.22-alpine":                            LibcMusl,
		"golang:1.22":                                   LibcGlibc,
		"golang:1.22-bookworm":                          LibcGlibc,
		"debian:bookworm-slim":                          LibcGlibc,
		"ubuntu:24.04":                                  LibcGlibc,
		"node:20-slim":                                  LibcGlibc,
		"python:3.12-alpine":                            LibcMusl,
		"busybox:1.36":                                  "",
		"example.com/team/runtime:1":                    "",
		"mcr.microsoft.com/windows/nanoserver:ltsc2022": "",
		"alpine:${ALPINE_VERSION}":                      LibcMusl,
		"golang:${GO_VERSION}":                          "",
	} {
		if got := Libc(ref); got != want {
			t.Errorf("Libc(%q) = %q, want %q", ref, got, want)
		}
	}
}
