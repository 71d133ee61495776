package compose_test

import (
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/features"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/targetstest"
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
