package features_test

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/features"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/targetstest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
)

func labels(c features.Completion) string {
	var out []string
	for _, it := range c.Items {
		out = append(out, it.InsertText)
	}
	return strings.Join(out, " ")
}

func TestComplete(t *testing.T) {
	dir := analysistest.Tree(t, map[string]string{"app/Dockerfile": targetstest.MultiStage, "app/Dockerfile.other": "FROM alpine AS one\nFROM one AS two\n"})
	for _, c := range []struct {
		name, file, text, want, replaced string
	}{
		{"compose, nothing typed", "compose.yaml", "services:\n  a:\n    build:\n      context: app\n      target: ‸\n", "build test", ""},
		{"compose, nothing typed, no space", "compose.yaml", "services:\n  a:\n    build:\n      context: app\n      target:‸\n", "build test", ""},
		{"compose, prefix", "compose.yaml", "services:\n  a:\n    build:\n      target: te‸\n      context: app\n", "build test", "te"},
		{"compose, middle of a word", "compose.yaml", "services:\n  a:\n    build:\n      target: te‸st\n      context: app\n", "build test", "test"},
		{"compose, open quote", "compose.yaml", "services:\n  a:\n    build:\n      context: app\n      target: \"b‸\n", "build test", "b"},
		{"compose, quoted", "compose.yaml", "services:\n  a:\n    build:\n      context: app\n      target: 'b‸'\n", "build test", "b"},
		{"compose, flow mapping", "compose.yaml", "services:\n  a:\n    build: {context: app, target: ‸}\n", "build test", ""},
		{"compose, other dockerfile", "docker-compose.yml", "services:\n  a:\n    build:\n      context: app\n      dockerfile: Dockerfile.other\n      target: ‸\n", "one two", ""},
		{"compose, inline", "compose.yaml", "services:\n  a:\n    build:\n      dockerfile_inline: |\n        FROM alpine AS x\n        FROM x AS y\n      target: ‸\n", "x y", ""},
		{"bake, nothing typed", "docker-bake.hcl", "target \"a\" {\n  context = \"app\"\n  target = ‸\n}\n", `"build" "test"`, ""},
		{"bake, open quote", "docker-bake.hcl", "target \"a\" {\n  context = \"app\"\n  target = \"t‸\n}\n", "build test", "t"},
		{"bake, closed quote", "docker-bake.hcl", "target \"a\" {\n  context = \"app\"\n  target = \"t‸\"\n}\n", "build test", "t"},
		{"bake, from an override", "docker-bake.override.hcl", "target \"a\" {\n  context = \"app\"\n  dockerfile = \"Dockerfile.other\"\n  target = \"‸\"\n}\n", "one two", ""},
		{"bake json", "docker-bake.json", "{\"target\": {\"a\": {\"context\": \"app\", \"target\": \"‸\"}}}", "build test", ""},
		{"bake json, nothing typed", "docker-bake.json", "{\"target\": {\"a\": {\"context\": \"app\",\n \"target\": ‸\n}}}", `"build" "test"`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			text, off := targetstest.Cursor(t, c.text)
			res, ok := features.Complete(filepath.Join(dir, c.file), text, off, &builds.Resolver{})
			if !ok {
				t.Fatal("not a target value")
			}
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if got := labels(res); got != c.want {
				t.Errorf("items %q, want %q", got, c.want)
			}
			if got := text[res.Replace.Start:res.Replace.End]; got != c.replaced {
				t.Errorf("replaces %q, want %q", got, c.replaced)
			}
			if res.Items[len(res.Items)-1].Detail == "" || res.Items[0].Doc == "" {
				t.Errorf("items without detail: %+v", res.Items)
			}
		})
	}
}

func TestCompleteElsewhere(t *testing.T) {
	dir := analysistest.Tree(t, map[string]string{"Dockerfile": targetstest.MultiStage})
	for _, c := range []struct{ file, text string }{
		{"compose.yaml", "services:\n  a:\n    build:\n      context: ‸\n"},
		{"compose.yaml", "services:\n  a:\n    image: ‸\n"},
		{"compose.yaml", "# target: ‸\n"},
		{"docker-bake.hcl", "group \"default\" {\n  targets = [‸]\n}\n"},
		{"Makefile", "target: ‸\n"},
		{"Dockerfile", "FROM build AS ‸\n"},
	} {
		text, off := targetstest.Cursor(t, c.text)
		if res, ok := features.Complete(filepath.Join(dir, c.file), text, off, &builds.Resolver{}); ok && len(res.Items) > 0 {
			t.Errorf("%s %q: completed %v", c.file, c.text, labels(res))
		}
	}
}

func TestCompleteMissingDockerfile(t *testing.T) {
	dir := analysistest.Tree(t, map[string]string{})
	text, off := targetstest.Cursor(t, "services:\n  a:\n    build:\n      target: ‸\n")
	res, ok := features.Complete(filepath.Join(dir, "compose.yaml"), text, off, &builds.Resolver{})
	if !ok || len(res.Items) != 0 || !errors.Is(res.Err, fs.ErrNotExist) {
		t.Fatalf("ok %v items %v err %v", ok, res.Items, res.Err)
	}
}

func TestCompleteUsesEditorText(t *testing.T) {
	dir := analysistest.Tree(t, map[string]string{"Dockerfile": targetstest.MultiStage})
	df := filepath.Join(dir, "Dockerfile")
	r := &builds.Resolver{Files: &wsfile.Source{Open: map[string]string{df: "FROM alpine AS unsaved\n"}}}
	text, off := targetstest.Cursor(t, "services:\n  a:\n    build:\n      target: ‸\n")
	res, _ := features.Complete(filepath.Join(dir, "compose.yaml"), text, off, r)
	if labels(res) != "unsaved" {
		t.Fatalf("items %q", labels(res))
	}
}

func TestDefinitionAndHover(t *testing.T) {
	dockerfile := "# syntax=docker/dockerfile:1\nFROM golang:1.22 AS build\nRUN true\n\nFROM build AS test\n"
	dir := analysistest.Tree(t, map[string]string{"svc/Dockerfile": dockerfile})
	p := filepath.Join(dir, "compose.yaml")
	text := "services:\n  a:\n    build:\n      context: svc\n      dockerfile: Dockerfile\n      target: test\n  b:\n    build:\n      dockerfile_inline: |\n        FROM alpine AS base\n        FROM base AS final\n      target: final\n"
	d := builds.Parse(p, text)
	var r builds.Resolver

	loc, ok := features.Definition(d, targetstest.At(t, text, "test", 0).Start+2, &r)
	if !ok || loc.Path != filepath.Join(dir, "svc", "Dockerfile") || loc.Text[loc.Range.Start:loc.Range.End] != "test" || loc.Range != targetstest.At(t, dockerfile, "test", 0) {
		t.Fatalf("definition %+v", loc)
	}
	loc, ok = features.Definition(d, targetstest.At(t, text, "Dockerfile", 0).Start, &r)
	if !ok || loc.Path != filepath.Join(dir, "svc", "Dockerfile") || loc.Range.Start != 0 {
		t.Errorf("definition of the dockerfile %+v", loc)
	}
	loc, ok = features.Definition(d, targetstest.At(t, text, "final", 1).Start, &r)
	if !ok || loc.Path != p || loc.Range != targetstest.At(t, text, "final", 0) {
		t.Errorf("definition in an inline Dockerfile %+v", loc)
	}
	if _, ok := features.Definition(d, targetstest.At(t, text, "svc", 0).Start, &r); ok {
		t.Error("definition on a context")
	}

	h, rng, ok := features.Hover(d, targetstest.At(t, text, "test", 0).Start, &r, true)
	if !ok || rng != targetstest.At(t, text, "test", 0) || !strings.Contains(h, "**Stage `test`** of `svc/Dockerfile` (stage 1 of 2, line 5)") ||
		!strings.Contains(h, "final stage") || !strings.Contains(h, "FROM build AS test") || !strings.Contains(h, "Builds build too.") {
		t.Errorf("hover %q at %v", h, rng)
	}
	h, _, ok = features.Hover(d, targetstest.At(t, text, "test", 0).Start, &r, false)
	if !ok || strings.Contains(h, "`") || !strings.Contains(h, "Stage test of svc/Dockerfile") {
		t.Errorf("plain hover %q", h)
	}
	h, _, ok = features.Hover(d, targetstest.At(t, text, "Dockerfile", 0).Start, &r, true)
	if !ok || !strings.Contains(h, "targets: build, test") {
		t.Errorf("hover on dockerfile %q", h)
	}
}
