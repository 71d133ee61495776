package compose_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/features"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/targetstest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
)

func TestComposeParse(t *testing.T) {
	text := "# a comment\nservices:\n  app:\n    build:\n      context: ./app\n      dockerfile: \"Dockerfile.dev\"\n      target: 'build'   # the stage\n  web:\n    build: web\n  db:\n    image: postgres\n  emoji:\n    build: {context: \"é/😀\", target: test}\n"
	d := builds.Parse("/w/compose.yaml", text)
	if len(d.Problems) != 0 {
		t.Fatalf("problems: %v", d.Problems)
	}
	if len(d.Builds) != 3 {
		t.Fatalf("want 3 builds, got %d", len(d.Builds))
	}
	app, web, emoji := d.Builds[0], d.Builds[1], d.Builds[2]
	if app.Name != "app" || app.NameRange != targetstest.At(t, text, "app", 0) {
		t.Errorf("app name %q at %v", app.Name, app.NameRange)
	}
	if app.Context.Text != "./app" || app.Context.Range != targetstest.At(t, text, "./app", 0) {
		t.Errorf("context %+v", app.Context)
	}
	if app.Dockerfile.Text != "Dockerfile.dev" || app.Dockerfile.Range != targetstest.At(t, text, "Dockerfile.dev", 0) {
		t.Errorf("dockerfile %+v", app.Dockerfile)
	}
	if app.Target.Text != "build" || !app.Target.Literal || app.Target.Range != targetstest.At(t, text, "build", 1) || app.Target.Line != 6 {
		t.Errorf("target %+v, want %v on line 6", app.Target, targetstest.At(t, text, "build", 1))
	}
	if web.Context.Text != "web" || web.Context.Range != targetstest.At(t, text, "web", 1) || web.Target.Set {
		t.Errorf("web %+v", web)
	}
	// Columns count characters in yaml.v3: non-ASCII before a value must not
	// shift its byte range.
	if emoji.Target.Text != "test" || emoji.Target.Range != targetstest.At(t, text, "test", 0) {
		t.Errorf("emoji target %+v want %v", emoji.Target, targetstest.At(t, text, "test", 0))
	}
}

func TestComposeBOMAndCRLF(t *testing.T) {
	text := "\ufeffservices:\r\n  app:\r\n    build:\r\n      target: dev\r\n"
	d := builds.Parse("/w/compose.yml", text)
	if len(d.Builds) != 1 || d.Builds[0].Target.Range != targetstest.At(t, text, "dev", 0) || d.Builds[0].NameRange != targetstest.At(t, text, "app", 0) {
		t.Fatalf("builds %+v", d.Builds)
	}
}

func TestComposeMergeKeys(t *testing.T) {
	text := `x-build: &build
  context: .
  target: dev
services:
  one:
    build: *build
  two:
    build:
      <<: *build
      target: prod
`
	d := builds.Parse("/w/compose.yaml", text)
	if len(d.Builds) != 2 {
		t.Fatalf("builds %+v", d.Builds)
	}
	if b := d.Builds[0]; b.Target.Text != "dev" || b.Target.Range != targetstest.At(t, text, "dev", 0) {
		t.Errorf("one: %+v", b.Target)
	}
	if b := d.Builds[1]; b.Target.Text != "prod" || b.Context.Text != "." {
		t.Errorf("two: target %+v context %+v", b.Target, b.Context)
	}
}

func TestComposeInterpolation(t *testing.T) {
	d := builds.Parse("/w/compose.yaml", "services:\n  a:\n    build:\n      context: ${APP_DIR}\n      target: ${TARGET:-dev}\n")
	b := d.Builds[0]
	if b.Target.Literal || b.Context.Literal {
		t.Fatalf("interpolated values read as literal: %+v", b)
	}
	var r builds.Resolver
	r.Resolve(d)
	if b.ContextDir != "" || b.DockerfilePath != "" {
		t.Errorf("resolved an interpolated context: %q %q", b.ContextDir, b.DockerfilePath)
	}
	if ds := features.Diagnose(d, &r); len(ds) != 0 {
		t.Errorf("diagnostics for values Compose interpolates: %v", ds)
	}
}

func TestComposeMalformed(t *testing.T) {
	for name, text := range map[string]string{
		"unclosed flow":   "services:\n  app:\n    build: {context: .\n",
		"bad indentation": "services:\n  app:\n    build:\n      target: x\n     context: .\n",
		"tab":             "services:\n\tapp:\n",
		"not a mapping":   "- a\n- b\n",
		"services list":   "services:\n  - app\n",
		"build number":    "services:\n  app:\n    build: [1, 2]\n",
		"binary":          "\x00\x01\xff\xfe",
		"alias bomb":      "a: &a [x, x]\nb: &b [*a, *a]\nservices:\n  s:\n    build:\n      <<: *b\n",
		"cyclic merge":    "services:\n  s: &s\n    build: *s\n",
	} {
		t.Run(name, func(t *testing.T) {
			d := builds.Parse("/w/compose.yaml", text)
			ds := features.Diagnose(d, &builds.Resolver{})
			if name == "alias bomb" || name == "cyclic merge" {
				return // no crash is all that is asked
			}
			if len(ds) == 0 || ds[0].Rule != targets.RuleInvalidFile || ds[0].Severity != analysis.Error {
				t.Fatalf("want an InvalidBuildFile error, got %v", ds)
			}
			if ds[0].Range.End > len(text) || ds[0].Range.Start > ds[0].Range.End {
				t.Errorf("range %v outside the text", ds[0].Range)
			}
			if !strings.Contains(ds[0].Message, "YAML") && !strings.Contains(ds[0].Message, "mapping") && !strings.Contains(ds[0].Message, "build of service") {
				t.Errorf("unclear message %q", ds[0].Message)
			}
		})
	}
}

func TestComposeSyntaxErrorLine(t *testing.T) {
	text := "services:\n  app:\n    build:\n      target: x\n     context: .\n"
	ds := builds.Parse("/w/compose.yaml", text).Problems
	if len(ds) != 1 {
		t.Fatalf("problems %v", ds)
	}
	line, _ := syntax.NewLineIndex(text).Position(ds[0].Range.Start)
	if line != 4 {
		t.Errorf("error on line %d, want 4: %v", line, ds[0])
	}
}

func TestComposeDiagnostics(t *testing.T) {
	dir := targetstest.Tree(t, map[string]string{
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

func TestComposeRelativeContexts(t *testing.T) {
	dir := targetstest.Tree(t, map[string]string{
		"deploy/compose.yaml":           "services:\n  a:\n    build:\n      context: ../src\n      dockerfile: docker/Dockerfile\n      target: build\n  b:\n    build: .\n",
		"src/docker/Dockerfile":         targetstest.MultiStage,
		"deploy/Dockerfile":             "FROM alpine AS only\n",
		"elsewhere/Dockerfile.absolute": targetstest.MultiStage,
	})
	p := filepath.Join(dir, "deploy", "compose.yaml")
	data, _ := os.ReadFile(p)
	d := builds.Parse(p, string(data))
	r := builds.Resolver{Files: &wsfile.Source{Roots: []string{dir}}} // ../src is inside the workspace, not inside deploy/
	r.Resolve(d)
	if got, want := d.Builds[0].DockerfilePath, filepath.Join(dir, "src", "docker", "Dockerfile"); got != want {
		t.Errorf("a: %s, want %s", got, want)
	}
	if got, want := d.Builds[1].DockerfilePath, filepath.Join(dir, "deploy", "Dockerfile"); got != want {
		t.Errorf("b: %s, want %s", got, want)
	}
	if ds := features.Diagnose(d, &r); len(ds) != 0 {
		t.Errorf("diagnostics %v", ds)
	}
	// An absolute dockerfile is taken as it is.
	abs := filepath.Join(dir, "elsewhere", "Dockerfile.absolute")
	d = builds.Parse(p, "services:\n  a:\n    build:\n      context: .\n      dockerfile: "+abs+"\n      target: test\n")
	r.Resolve(d)
	if d.Builds[0].DockerfilePath != abs {
		t.Errorf("absolute dockerfile resolved to %s", d.Builds[0].DockerfilePath)
	}
}
