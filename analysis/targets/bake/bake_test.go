package bake_test

import (
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/features"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/targetstest"
)

func TestBakeParseHCL(t *testing.T) {
	text := `variable "TAG" { default = "latest" }

group "default" {
  targets = ["app", "é"]
}

// A comment with "target" in it.
target "app" {
  context    = "./app"
  dockerfile = "Dockerfile.dev"
  target     = "build"
  tags       = ["app:${TAG}"]
}

target "é" {
  inherits = ["app"]
  target   = "${TAG}"
}
`
	d := builds.Parse("/w/docker-bake.hcl", text)
	if len(d.Problems) != 0 {
		t.Fatalf("problems %v", d.Problems)
	}
	if len(d.Builds) != 2 {
		t.Fatalf("builds %+v", d.Builds)
	}
	app, e := d.Builds[0], d.Builds[1]
	if app.Name != "app" || app.NameRange != targetstest.At(t, text, "app", 1) {
		t.Errorf("name %q %v", app.Name, app.NameRange)
	}
	if app.Context.Text != "./app" || app.Context.Range != targetstest.At(t, text, "./app", 0) {
		t.Errorf("context %+v", app.Context)
	}
	if app.Dockerfile.Range != targetstest.At(t, text, "Dockerfile.dev", 0) {
		t.Errorf("dockerfile %+v", app.Dockerfile)
	}
	if !app.Target.Literal || app.Target.Text != "build" || app.Target.Range != targetstest.At(t, text, "build", 0) || app.Target.Line != 10 {
		t.Errorf("target %+v", app.Target)
	}
	if e.Name != "é" || e.NameRange != targetstest.At(t, text, "é", 1) || len(e.Inherits) != 1 || e.Inherits[0] != "app" {
		t.Errorf("é %+v", e)
	}
	if e.Target.Literal || e.Target.Text != "${TAG}" {
		t.Errorf("interpolated target %+v", e.Target)
	}
}

func TestBakeParseJSON(t *testing.T) {
	text := `{
  "group": {"default": {"targets": ["app"]}},
  "target": {
    "app": {
      "context": "app",
      "target": "test"
    }
  }
}
`
	d := builds.Parse("/w/docker-bake.json", text)
	if len(d.Problems) != 0 || len(d.Builds) != 1 {
		t.Fatalf("problems %v builds %+v", d.Problems, d.Builds)
	}
	b := d.Builds[0]
	if b.Name != "app" || b.NameRange != targetstest.At(t, text, "app", 1) {
		t.Errorf("name %q at %v want %v", b.Name, b.NameRange, targetstest.At(t, text, "app", 1))
	}
	if b.Target.Text != "test" || b.Target.Range != targetstest.At(t, text, "test", 0) || b.Target.Line != 5 {
		t.Errorf("target %+v", b.Target)
	}
	if b.Context.Range != targetstest.At(t, text, "app", 2) {
		t.Errorf("context %+v", b.Context)
	}
}

func TestBakeMalformed(t *testing.T) {
	for name, c := range map[string]struct{ path, text string }{
		"unclosed block":  {"docker-bake.hcl", "target \"app\" {\n  target = \"x\"\n"},
		"missing value":   {"docker-bake.hcl", "target \"app\" {\n  target = \n}\n"},
		"no label":        {"docker-bake.hcl", "target {\n  target = \"x\"\n}\n"},
		"unclosed string": {"docker-bake.hcl", "target \"app\" {\n  target = \"x\n}\n"},
		"bad json":        {"docker-bake.json", "{\"target\": {\"app\": {\"target\": }}}"},
		"override":        {"ci.override.hcl", "target \"app\" {\n  target = [\n}\n"},
		"binary":          {"docker-bake.hcl", "\x00\xff{{{"},
	} {
		t.Run(name, func(t *testing.T) {
			d := builds.Parse("/w/"+c.path, c.text)
			ds := features.Diagnose(d, &builds.Resolver{})
			if len(ds) == 0 || ds[0].Rule != targets.RuleInvalidFile || ds[0].Severity != analysis.Error {
				t.Fatalf("want an InvalidBuildFile error, got %v", ds)
			}
			if r := ds[0].Range; r.Start < 0 || r.End > len(c.text) || r.Start > r.End {
				t.Errorf("range %v outside the text", r)
			}
			if name != "no label" && !strings.Contains(ds[0].Message, "not valid") {
				t.Errorf("unclear message %q", ds[0].Message)
			}
		})
	}
}
