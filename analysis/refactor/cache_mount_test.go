package refactor_test

import (
	"context"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestCacheMount applies "Use a cache mount" and compares with the expected
// text; BuildKit must parse and convert the result, and PackageCacheNotCleaned
// must take the cache mount as the clean answer.
func TestCacheMount(t *testing.T) {
	tests := []struct{ name, in, sel, want string }{{
		name: "go mod download and go build in the golang image",
		in:   "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n",
		sel:  "go build",
		want: "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /app .\n",
	}, {
		name: "go follows GOMODCACHE, GOCACHE and an existing mount",
		in:   "FROM golang:1.22\nENV GOMODCACHE=/cache/mod GOCACHE=/cache/build\nRUN --mount=type=cache,target=/cache/mod go build -o /app .\n",
		sel:  "go build",
		want: "FROM golang:1.22\nENV GOMODCACHE=/cache/mod GOCACHE=/cache/build\nRUN --mount=type=cache,target=/cache/build --mount=type=cache,target=/cache/mod go build -o /app .\n",
	}, {
		name: "go mod download as a user with a HOME",
		in:   "FROM alpine:3.20\nRUN apk add --no-cache go\nENV HOME=/home/app\nUSER app\nRUN go mod download\n",
		sel:  "go mod",
		want: "FROM alpine:3.20\nRUN apk add --no-cache go\nENV HOME=/home/app\nUSER app\nRUN --mount=type=cache,target=/home/app/go/pkg/mod go mod download\n",
	}, {
		name: "npm ci",
		in:   "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\n",
		sel:  "npm ci",
		want: "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=cache,target=/root/.npm npm ci\n",
	}, {
		name: "yarn v1 and berry",
		in:   "FROM node:20\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile\n",
		sel:  "yarn install",
		want: "FROM node:20\nCOPY package.json yarn.lock ./\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn --mount=type=cache,target=/root/.yarn/berry/cache yarn install --frozen-lockfile\n",
	}, {
		name: "pnpm store under PNPM_HOME",
		in:   "FROM node:20\nENV PNPM_HOME=/pnpm\nRUN corepack enable\nCOPY . .\nRUN pnpm install --frozen-lockfile\n",
		sel:  "pnpm install",
		want: "FROM node:20\nENV PNPM_HOME=/pnpm\nRUN corepack enable\nCOPY . .\nRUN --mount=type=cache,target=/pnpm/store,id=pnpm pnpm install --frozen-lockfile\n",
	}, {
		name: "pip drops --no-cache-dir",
		in:   "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n",
		sel:  "pip",
		want: "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n",
	}, {
		name: "uv",
		in:   "FROM python:3.12-slim\nCOPY . .\nRUN uv sync --frozen\n",
		sel:  "uv",
		want: "FROM python:3.12-slim\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen\n",
	}, {
		name: "maven",
		in:   "FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn -B package\n",
		sel:  "mvn",
		want: "FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN --mount=type=cache,target=/root/.m2 mvn -B package\n",
	}, {
		name: "gradle",
		in:   "FROM gradle:8-jdk21\nCOPY . .\nRUN gradle bootJar --no-daemon\n",
		sel:  "gradle bootJar",
		want: "FROM gradle:8-jdk21\nCOPY . .\nRUN --mount=type=cache,target=/root/.gradle gradle bootJar --no-daemon\n",
	}, {
		name: "cargo registry and git in the rust image",
		in:   "FROM rust:1.79\nCOPY . .\nRUN cargo build --release\n",
		sel:  "cargo",
		want: "FROM rust:1.79\nCOPY . .\nRUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git cargo build --release\n",
	}, {
		name: "apt removes the docker-clean hook first",
		in:   "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
		sel:  "apt-get",
		want: "FROM debian:bookworm-slim\nRUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' > /etc/apt/apt.conf.d/keep-cache\n" +
			"RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl\n",
	}, {
		name: "lower-case file, CRLF",
		in:   "from debian:bookworm-slim\r\nrun apt-get update && apt-get install -y --no-install-recommends curl\r\n",
		sel:  "apt-get",
		want: "from debian:bookworm-slim\r\nrun rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' > /etc/apt/apt.conf.d/keep-cache\r\n" +
			"run --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl\r\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, got := applyAction(t, tt.in, selection(t, tt.in, tt.sel, true), "cache-mount:")
			if a.Title != "Use a cache mount" || a.Kind != refactor.KindRewrite {
				t.Errorf("action %q (%s)", a.Title, a.Kind)
			}
			if got != tt.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			convertsToLLB(t, got)
			for _, d := range check.Run(context.Background(), syntax.Parse(got), check.Config{}) {
				if d.Rule == "PackageCacheNotCleaned" {
					t.Errorf("after the cache mount, PackageCacheNotCleaned says %q", d.Message)
				}
			}
			// Applied twice, the action has nothing left to do.
			f := syntax.Parse(got)
			for _, b := range refactor.Actions(f, nil, selection(t, got, tt.sel, true)) {
				if b.Title == "Use a cache mount" {
					t.Errorf("offered again on its own output")
				}
			}
		})
	}
}

// TestCacheMountNotOffered: no action where no cache is known.
func TestCacheMountNotOffered(t *testing.T) {
	for _, in := range []string{
		"FROM alpine:3.20\nRUN echo hello\n",
		"FROM node:20\nUSER node\nRUN npm ci\n",                         // a non-root user without a known HOME
		"FROM golang:1.22\nRUN [\"go\", \"build\", \"-o\", \"/app\"]\n", // exec form
		"FROM golang:1.22\nRUN go version\n",
	} {
		f := syntax.Parse(in)
		for _, a := range refactor.Actions(f, nil, syntax.Range{Start: len(in) - 3, End: len(in) - 3}) {
			if a.Title == "Use a cache mount" {
				t.Errorf("offered on %q", in)
			}
		}
	}
}

// TestBindManifests applies "Bind-mount the manifests": the COPY that only
// fed the install becomes a comment and the RUN mounts the files.
func TestBindManifests(t *testing.T) {
	tests := []struct{ name, in, sel, want string }{{
		name: "go mod download",
		in:   "FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n",
		sel:  "go mod",
		want: "FROM golang:1.22\nWORKDIR /src\n# COPY go.mod go.sum ./  (bind-mounted by the next RUN)\nRUN --mount=type=bind,source=go.mod,target=go.mod --mount=type=bind,source=go.sum,target=go.sum go mod download\nCOPY . .\nRUN go build -o /app .\n",
	}, {
		name: "npm ci",
		in:   "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n",
		sel:  "npm ci",
		want: "FROM node:20\nWORKDIR /app\n# COPY package.json package-lock.json ./  (bind-mounted by the next RUN)\nRUN --mount=type=bind,source=package.json,target=package.json --mount=type=bind,source=package-lock.json,target=package-lock.json npm ci\nCOPY . .\nRUN npm run build\n",
	}, {
		name: "pip install -r",
		in:   "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
		sel:  "pip",
		want: "FROM python:3.12-slim\nWORKDIR /app\n# COPY requirements.txt .  (bind-mounted by the next RUN)\nRUN --mount=type=bind,source=requirements.txt,target=requirements.txt pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := applyAction(t, tt.in, selection(t, tt.in, tt.sel, true), "bind-manifests:")
			if got != tt.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			convertsToLLB(t, got)
		})
	}
	// Not offered when the manifests are needed after the step (no later
	// COPY of the context), or copied elsewhere.
	for _, in := range []string{
		"FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY cmd ./cmd\nRUN go build -o /app ./cmd\n",
		"FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json /tmp/\nRUN npm ci\nCOPY . .\n",
	} {
		f := syntax.Parse(in)
		sel := selection(t, in, "RUN", true)
		for _, a := range refactor.Actions(f, nil, sel) {
			if a.Title == "Bind-mount the manifests" {
				t.Errorf("offered on %q", in)
			}
		}
	}
}

// convertsToLLB fails t unless BuildKit parses text and converts its final
// target to LLB.
func convertsToLLB(t *testing.T, text string) {
	t.Helper()
	if _, err := buildkitStages(text); err != nil {
		t.Fatal(err)
	}
	if _, err := llbExecCount(text); err != nil {
		t.Fatal(err)
	}
}
