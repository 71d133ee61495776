package features_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/features"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/targetstest"
)

func TestComposeDiagnostics(t *testing.T) {
	dir := analysistest.Tree(t, map[string]string{
		"app/Dockerfile":     targetstest.MultiStage,
		"app/Dockerfile.dev": "FROM alpine\n",
		"compose.yaml": `services:
  ok:
    build:
      context: app
      target: test
  typo:
    build:
      context: ./app
      target: tset
  unnamed:
    build:
      context: app
      dockerfile: Dockerfile.dev
      target: dev
  nodockerfile:
    build:
      context: app
      dockerfile: Dockerfile.prod
  nocontext:
    build: ./missing
  remote:
    build:
      context: https://github.com/docker/buildx.git
      target: anything
  inline:
    build:
      dockerfile_inline: |
        FROM alpine AS base
        FROM base AS final
      target: final
  inline_bad:
    build:
      dockerfile_inline: "FROM alpine AS base"
      target: nope
`,
	})
	p := filepath.Join(dir, "compose.yaml")
	data, _ := os.ReadFile(p)
	text := string(data)
	ds := features.Diagnose(builds.Parse(p, text), &builds.Resolver{})
	want := []struct {
		rule, at string
		n        int
		msg      string
	}{
		{targets.RuleUnknownTarget, "tset", 0, `target "tset" is not a stage of app/Dockerfile; did you mean "test"?`},
		{targets.RuleUnknownTarget, "dev", 1, `target "dev" is not a stage of app/Dockerfile.dev, which has no named stages`},
		{targets.RuleMissingDockerfile, "Dockerfile.prod", 0, `service "nodockerfile" builds "app/Dockerfile.prod", which does not exist`},
		{targets.RuleMissingContext, "./missing", 0, `the build context "missing" of service "nocontext" is not a folder that exists`},
		{targets.RuleUnknownTarget, "nope", 0, `target "nope" is not a stage of the inline Dockerfile; its stages are base`},
	}
	if len(ds) != len(want) {
		t.Fatalf("want %d diagnostics, got %d: %v", len(want), len(ds), ds)
	}
	for i, w := range want {
		d := ds[i]
		if d.Rule != w.rule || d.Range != targetstest.At(t, text, w.at, w.n) || !strings.Contains(d.Message, w.msg) {
			t.Errorf("%d: got %s at %v %q; want %s at %v %q", i, d.Rule, d.Range, d.Message, w.rule, targetstest.At(t, text, w.at, w.n), w.msg)
		}
	}
	if fix := ds[0].Fixes; len(fix) != 1 || fix[0].Edits[0].NewText != "test" || fix[0].Edits[0].Range != targetstest.At(t, text, "tset", 0) {
		t.Errorf("fix %+v", fix)
	}
}

func TestBakeMissingFiles(t *testing.T) {
	dir := analysistest.Tree(t, map[string]string{
		"docker-bake.hcl": `target "template" {
  args = { A = "1" }
}
target "nofile" {
  context = "app"
  target  = "build"
}
target "nodir" {
  context = "gone"
}
target "remote" {
  context = "https://github.com/docker/buildx.git"
  target  = "x"
}
target "vars" {
  context = "${DIR}"
  target  = "x"
}
`,
		"app/README": "no Dockerfile here",
	})
	p := filepath.Join(dir, "docker-bake.hcl")
	data, _ := os.ReadFile(p)
	text := string(data)
	ds := features.Diagnose(builds.Parse(p, text), &builds.Resolver{})
	if got := strings.Join(targetstest.Rules(ds), " "); got != targets.RuleMissingDockerfile+" "+targets.RuleMissingContext {
		t.Fatalf("got %v", ds)
	}
	if ds[0].Range != targetstest.At(t, text, "app", 0) || !strings.Contains(ds[0].Message, `Bake target "nofile" builds "app/Dockerfile", which does not exist`) {
		t.Errorf("missing Dockerfile: %v", ds[0])
	}
	if ds[1].Range != targetstest.At(t, text, "gone", 0) {
		t.Errorf("missing context: %v", ds[1])
	}
}
