package builds_test

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
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
)

func TestComposeRelativeContexts(t *testing.T) {
	dir := analysistest.Tree(t, map[string]string{
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

func TestBakeResolveInheritsAndOverride(t *testing.T) {
	dir := analysistest.Tree(t, map[string]string{
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

// TestBakeUnsavedSibling checks that a Bake file open in the editor and never
// saved counts among the Bake files of its folder.
func TestBakeUnsavedSibling(t *testing.T) {
	dir := analysistest.Tree(t, map[string]string{
		"docker-bake.hcl":      "target \"app\" {\n  target = \"build\"\n}\n",
		"src/build/Dockerfile": targetstest.MultiStage,
	})
	main := filepath.Join(dir, "docker-bake.hcl")
	open := map[string]string{filepath.Join(dir, "docker-bake.override.hcl"): "target \"app\" {\n  context = \"src\"\n  dockerfile = \"build/Dockerfile\"\n}\n"}
	d := builds.Parse(main, targetstest.ReadFile(t, main))
	(&builds.Resolver{Files: &wsfile.Source{Roots: []string{dir}, Open: open}}).Resolve(d)
	if got, want := d.Builds[0].DockerfilePath, filepath.Join(dir, "src", "build", "Dockerfile"); got != want {
		t.Errorf("app builds %q, want %q", got, want)
	}
}
