package facts_test

import (
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

func TestNodeWorkspace(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"workspace file", "FROM node:20\nCOPY pnpm-workspace.yaml ./\n", "it copies pnpm-workspace.yaml"},
		{"pnpm filter", "FROM node:20\nRUN pnpm --filter=web build\n", "it runs pnpm --filter=web"},
		{"yarn workspace in CMD", "FROM node:20\nCMD [\"yarn\", \"workspace\", \"web\", \"start\"]\n", "it runs yarn workspace"},
		{"npm -w", "FROM node:20\nRUN npm ci -w api\n", "it runs npm -w"},
		{"plain app", "FROM node:20\nCOPY package.json ./\nRUN npm ci && npm run build\nCMD [\"npm\", \"start\"]\n", ""},
		{"yarn add workspace", "FROM node:20\nRUN yarn add workspace-tools\n", ""},
	} {
		m := model.Build(syntax.Parse(tc.text))
		if got := facts.Of(m).Stage(m.Final("")).NodeWorkspace(); got != tc.want {
			t.Errorf("%s: NodeWorkspace() = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// A tool run for its version compiles nothing.
func TestVersionQueryIsNoBuild(t *testing.T) {
	for _, tc := range []struct {
		text   string
		builds int
	}{
		{"FROM eclipse-temurin:17-jdk\nRUN javac -version\n", 0},
		{"FROM gcc:14\nRUN gcc --version && make -v\n", 0},
		{"FROM eclipse-temurin:17-jdk\nRUN javac -d out Main.java\n", 1},
	} {
		m := model.Build(syntax.Parse(tc.text))
		if got := len(facts.Of(m).Stage(m.Final("")).Builds); got != tc.builds {
			t.Errorf("%q: %d builds, want %d", tc.text, got, tc.builds)
		}
	}
}
