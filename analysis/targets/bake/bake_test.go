package bake_test

import (
	"os"
	"path/filepath"
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

func TestBakeResolveInheritsAndOverride(t *testing.T) {
	dir := targetstest.Tree(t, map[string]string{
		"docker-bake.hcl": `target "_common" {
  context    = "src"
  dockerfile = "build/Dockerfile"
}
target "app" {
  inherits = ["_common"]
  target   = "build"
}
target "tests" {
  inherits = ["_common"]
}
`,
		// The override sets only the target of a target defined elsewhere.
		"docker-bake.override.hcl": "target \"tests\" {\n  target = \"tset\"\n}\n",
		"src/build/Dockerfile":     targetstest.MultiStage,
	})
	var r builds.Resolver
	main := filepath.Join(dir, "docker-bake.hcl")
	data, _ := os.ReadFile(main)
	d := builds.Parse(main, string(data))
	r.Resolve(d)
	want := filepath.Join(dir, "src", "build", "Dockerfile")
	for _, b := range d.Builds {
		if b.DockerfilePath != want {
			t.Errorf("%s: %q, want %q", b.Name, b.DockerfilePath, want)
		}
	}
	if ds := features.Diagnose(d, &r); len(ds) != 0 {
		t.Errorf("diagnostics %v", ds)
	}

	over := filepath.Join(dir, "docker-bake.override.hcl")
	data, _ = os.ReadFile(over)
	d = builds.Parse(over, string(data))
	ds := features.Diagnose(d, &r)
	if len(ds) != 1 || ds[0].Rule != targets.RuleUnknownTarget || !strings.Contains(ds[0].Message, `did you mean "test"`) || !strings.Contains(ds[0].Message, "src/build/Dockerfile") {
		t.Fatalf("override: %v", ds)
	}
}

func TestBakeMissingFiles(t *testing.T) {
	dir := targetstest.Tree(t, map[string]string{
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
