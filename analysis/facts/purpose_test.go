package facts_test

import (
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

func TestIntentOf(t *testing.T) {
	const app = "FROM debian:bookworm-slim\nCMD [\"/usr/local/bin/app\"]\n"
	for _, tc := range []struct {
		name, path, text string
		want             facts.Purpose
	}{
		{"plain app", "Dockerfile", app, facts.PurposeApp},
		{"unknown path", "", app, facts.PurposeApp},
		{"tilt", "Dockerfile.tilt", app, facts.PurposeDev},
		{"debug", "src/cart/Dockerfile.debug", app, facts.PurposeDebug},
		{"dot dev", "Dockerfile.dev", app, facts.PurposeDev},
		{"dash dev", "Dockerfile-dev", app, facts.PurposeDev},
		{"dev dot", "dev.Dockerfile", app, facts.PurposeDev},
		{"cypress", "Dockerfile.cypress", app, facts.PurposeTest},
		{"build suffix", "ci-images/maven-build.Dockerfile", app, facts.PurposeTool},
		{"build not last", "django-build-deps.Dockerfile", app, facts.PurposeApp},
		{"test folder", "test/remote/Dockerfile", app, facts.PurposeTest},
		{"e2e folder", "e2e/Dockerfile", app, facts.PurposeTest},
		{"hack folder", "hack/Dockerfile.tools", app, facts.PurposeTool},
		{"devcontainer", ".devcontainer/Dockerfile", app, facts.PurposeDev},
		{"action", ".github/actions/mkdocs/Dockerfile", app, facts.PurposeAction},
		{"workflow image", ".github/ci/Dockerfile", app, facts.PurposeCI},
		{"docs check", "docs/check/Dockerfile", app, facts.PurposeCI},
		{"docs site", "docs/Dockerfile", app, facts.PurposeApp},
		{"test in a folder name only", "images/test-runner/Dockerfile", app, facts.PurposeApp},
		{"stage name", "Dockerfile", "FROM golang:1.22 AS dev\nCMD [\"air\"]\n", facts.PurposeDev},
		{"devcontainer base", "Dockerfile", "FROM mcr.microsoft.com/devcontainers/go:1\nCMD [\"/app\"]\n", facts.PurposeDev},
		{"sleep infinity", "Dockerfile", "FROM debian:bookworm-slim\nCMD sleep infinity\n", facts.PurposeDev},
		{"tail dev null", "Dockerfile", "FROM debian:bookworm-slim\nCMD [\"tail\", \"-f\", \"/dev/null\"]\n", facts.PurposeDev},
		{"shell", "Dockerfile", "FROM ubuntu:24.04\nCMD [\"zsh\"]\n", facts.PurposeBase},
		{"shell script", "Dockerfile", "FROM ubuntu:24.04\nCMD [\"bash\", \"/start.sh\"]\n", facts.PurposeApp},
		{"npm run dev", "Dockerfile", "FROM node:20\nCMD [\"npm\", \"run\", \"dev\"]\n", facts.PurposeDev},
		{"npm start", "Dockerfile", "FROM node:20\nCMD [\"npm\", \"start\"]\n", facts.PurposeApp},
		{"nodemon", "Dockerfile", "FROM node:20\nCMD [\"nodemon\", \"server.js\"]\n", facts.PurposeDev},
		{"runserver", "Dockerfile", "FROM python:3.12\nCMD [\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:8000\"]\n", facts.PurposeDev},
		{"pytest", "Dockerfile", "FROM python:3.12\nCMD [\"pytest\", \"-q\"]\n", facts.PurposeTest},
		{"go test", "Dockerfile", "FROM golang:1.22\nCMD [\"go\", \"test\", \"./...\"]\n", facts.PurposeTest},
		{"mvn", "Dockerfile", "FROM maven:3.9\nCMD [\"mvn\"]\n", facts.PurposeTool},
		{"make", "Dockerfile", "FROM debian:bookworm\nENTRYPOINT [\"/usr/bin/make\"]\n", facts.PurposeTool},
		{"dotnet app", "Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENTRYPOINT [\"dotnet\", \"App.dll\"]\n", facts.PurposeApp},
		{"hack script", "Dockerfile", "FROM ubuntu:22.04\nENTRYPOINT [\"hack/dind\"]\n", facts.PurposeDev},
		{"no program", "Dockerfile", "FROM debian:bookworm-slim\nRUN true\n", facts.PurposeBase},
		{"no program, copies a build", "Dockerfile", "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM debian:bookworm-slim\nCOPY --from=build /out/app /app\n", facts.PurposeApp},
		{"no program, copies a download", "Dockerfile", "FROM debian AS get\nRUN curl -fsSL https://x/go.tgz | tar -xz -C /usr/local\nFROM debian:bookworm-slim\nCOPY --from=get /usr/local/go /usr/local/go\n", facts.PurposeBase},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := model.Build(syntax.Parse(tc.text))
			got := facts.IntentOf(tc.path, facts.Of(m).Stage(m.Final("")), nil)
			if got.Purpose != tc.want {
				t.Errorf("IntentOf(%q) = %v (%s), want %v", tc.path, got.Purpose, got.Why, tc.want)
			}
		})
	}
}

// TestIntentOfActionMetadata checks that an action.yml in the Dockerfile's
// folder of the build context, and only there, makes a GitHub action.
func TestIntentOfActionMetadata(t *testing.T) {
	bc := analysistest.Context(t, map[string]string{"action.yml": "x\n", "docker/Dockerfile": "x\n", "greet/action.yaml": "x\n", "greet/Dockerfile": "x\n"})
	if !bc.Complete {
		t.Fatal("load: incomplete walk")
	}
	m := model.Build(syntax.Parse("FROM alpine:3.20\nENTRYPOINT [\"/greet\"]\n"))
	st := facts.Of(m).Stage(m.Final(""))
	for _, tc := range []struct {
		path string
		want facts.Purpose
	}{
		{"Dockerfile", facts.PurposeAction},            // at the root, beside action.yml
		{"", facts.PurposeAction},                      // unknown path: the context root
		{"greet/Dockerfile", facts.PurposeAction},      // action.yaml beside it
		{"repo/greet/Dockerfile", facts.PurposeAction}, // the workspace is above the context
		{"docker/Dockerfile", facts.PurposeApp},        // the root's action.yml is not beside it
	} {
		if got := facts.IntentOf(tc.path, st, bc); got.Purpose != tc.want {
			t.Errorf("IntentOf(%q) = %v (%s), want %v", tc.path, got.Purpose, got.Why, tc.want)
		}
	}
	if got := facts.IntentOf("Dockerfile", st, nil); got.Purpose != facts.PurposeApp {
		t.Errorf("without a context: %v, want application", got.Purpose)
	}
}
