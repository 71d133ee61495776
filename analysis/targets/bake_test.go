package targets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
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
	d := Parse("/w/docker-bake.hcl", text)
	if len(d.Problems) != 0 {
		t.Fatalf("problems %v", d.Problems)
	}
	if len(d.Builds) != 2 {
		t.Fatalf("builds %+v", d.Builds)
	}
	app, e := d.Builds[0], d.Builds[1]
	if app.Name != "app" || app.NameRange != at(t, text, "app", 1) {
		t.Errorf("name %q %v", app.Name, app.NameRange)
	}
	if app.Context.Text != "./app" || app.Context.Range != at(t, text, "./app", 0) {
		t.Errorf("context %+v", app.Context)
	}
	if app.Dockerfile.Range != at(t, text, "Dockerfile.dev", 0) {
		t.Errorf("dockerfile %+v", app.Dockerfile)
	}
	if !app.Target.Literal || app.Target.Text != "build" || app.Target.Range != at(t, text, "build", 0) || app.Target.Line != 10 {
		t.Errorf("target %+v", app.Target)
	}
	if e.Name != "é" || e.NameRange != at(t, text, "é", 1) || len(e.Inherits) != 1 || e.Inherits[0] != "app" {
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
	d := Parse("/w/docker-bake.json", text)
	if len(d.Problems) != 0 || len(d.Builds) != 1 {
		t.Fatalf("problems %v builds %+v", d.Problems, d.Builds)
	}
	b := d.Builds[0]
	if b.Name != "app" || b.NameRange != at(t, text, "app", 1) {
		t.Errorf("name %q at %v want %v", b.Name, b.NameRange, at(t, text, "app", 1))
	}
	if b.Target.Text != "test" || b.Target.Range != at(t, text, "test", 0) || b.Target.Line != 5 {
		t.Errorf("target %+v", b.Target)
	}
	if b.Context.Range != at(t, text, "app", 2) {
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
			d := Parse("/w/"+c.path, c.text)
			ds := Diagnose(d, &Resolver{})
			if len(ds) == 0 || ds[0].Rule != RuleInvalidFile || ds[0].Severity != analysis.Error {
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
	dir := tree(t, map[string]string{
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
		"src/build/Dockerfile":     multiStage,
	})
	var r Resolver
	main := filepath.Join(dir, "docker-bake.hcl")
	data, _ := os.ReadFile(main)
	d := Parse(main, string(data))
	r.Resolve(d)
	want := filepath.Join(dir, "src", "build", "Dockerfile")
	for _, b := range d.Builds {
		if b.DockerfilePath != want {
			t.Errorf("%s: %q, want %q", b.Name, b.DockerfilePath, want)
		}
	}
	if ds := Diagnose(d, &r); len(ds) != 0 {
		t.Errorf("diagnostics %v", ds)
	}

	over := filepath.Join(dir, "docker-bake.override.hcl")
	data, _ = os.ReadFile(over)
	d = Parse(over, string(data))
	ds := Diagnose(d, &r)
	if len(ds) != 1 || ds[0].Rule != RuleUnknownTarget || !strings.Contains(ds[0].Message, `did you mean "test"`) || !strings.Contains(ds[0].Message, "src/build/Dockerfile") {
		t.Fatalf("override: %v", ds)
	}
}

func TestBakeMissingFiles(t *testing.T) {
	dir := tree(t, map[string]string{
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
	ds := Diagnose(Parse(p, text), &Resolver{})
	if got := strings.Join(rules(ds), " "); got != RuleMissingDockerfile+" "+RuleMissingContext {
		t.Fatalf("got %v", ds)
	}
	if ds[0].Range != at(t, text, "app", 0) || !strings.Contains(ds[0].Message, `Bake target "nofile" builds "app/Dockerfile", which does not exist`) {
		t.Errorf("missing Dockerfile: %v", ds[0])
	}
	if ds[1].Range != at(t, text, "gone", 0) {
		t.Errorf("missing context: %v", ds[1])
	}
}
