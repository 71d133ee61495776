package features_test

import (
	"path/filepath"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/features"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/index"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/targetstest"
)

var robustSeeds = []struct{ name, text string }{
	{"compose.yaml", "x-b: &b\n  context: app\nservices:\n  a:\n    build:\n      <<: *b\n      dockerfile: \"Docker\\\"file\"\n      target: 'te''st'\n  b:\n    build: {context: ., target: \"x\"}\n  c:\n    build:\n      dockerfile_inline: |\n        FROM alpine AS one\n      target: one\n"},
	{"docker-bake.hcl", "variable \"T\" { default = \"x\" }\ntarget \"a\" {\n  inherits = [\"b\"]\n  context = \"app\"\n  target = \"${T}\"\n}\ntarget \"b\" {\n  dockerfile = <<EOT\nFROM alpine\nEOT\n  target = \"test\"\n}\n"},
	{"docker-bake.json", "{\"target\": {\"a\": {\"context\": \"app\", \"target\": \"test\", \"inherits\": [\"b\"]}, \"b\": {}}}"},
}

// TestNoPanics cuts every seed at every byte and asks every feature at
// every offset of the cut text: half-typed files must never crash.
func TestNoPanics(t *testing.T) {
	dir := analysistest.Tree(t, map[string]string{"app/Dockerfile": targetstest.MultiStage})
	for _, seed := range robustSeeds {
		p := filepath.Join(dir, seed.name)
		for cut := 0; cut <= len(seed.text); cut++ {
			text := seed.text[:cut]
			d := builds.Parse(p, text)
			r := &builds.Resolver{}
			features.Diagnose(d, r)
			index.Refs(p, text, dir, r)
			for off := 0; off <= len(text); off += 3 {
				features.Complete(p, text, off, r)
				features.Hover(d, off, r, true)
				features.Definition(d, off, r)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range robustSeeds {
		f.Add(s.name, s.text, len(s.text)/2)
	}
	f.Add("Makefile", "all:\n\tdocker build --target \"x\\\n\" -f $(F) .\n", 3)
	f.Fuzz(func(t *testing.T, name, text string, off int) {
		for _, n := range []string{"compose.yaml", "docker-bake.hcl", "docker-bake.json", ".github/workflows/ci.yml", "Makefile"} {
			p := filepath.Join("/nonexistent", n)
			d := builds.Parse(p, text)
			r := &builds.Resolver{}
			features.Diagnose(d, r)
			index.Refs(p, text, "/nonexistent", r)
			if off >= 0 && off <= len(text) {
				features.Complete(p, text, off, r)
				features.Hover(d, off, r, false)
				features.Definition(d, off, r)
			}
		}
	})
}
