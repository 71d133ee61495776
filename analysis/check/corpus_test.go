package check_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// TestCorpusSweep analyses every real-world Dockerfile: no panic, and no
// error from the project's rules on a file BuildKit parses (those are false
// positives: these projects build). Per-rule counts are logged for review.
func TestCorpusSweep(t *testing.T) {
	hits := map[string]int{}
	for _, path := range corpus.Files(t, "real") {
		text := corpus.Read(t, path)
		ds := check.Run(context.Background(), syntax.Parse(text), check.Config{})
		valid := buildkitAccepts(text)
		seen := map[string]bool{}
		for _, d := range ds {
			if !seen[d.Rule] {
				seen[d.Rule] = true
				hits[d.Rule+" "+d.Severity.String()]++
			}
			if valid && d.Source == "dockerfile-lsp" && d.Severity == analysis.Error {
				t.Errorf("%s: false error %s: %s", path, d.Rule, d.Message)
			}
		}
	}
	keys := make([]string, 0, len(hits))
	for k := range hits {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-40s %d files", k, hits[k])
	}
}

func buildkitAccepts(text string) bool {
	res, err := parser.Parse(strings.NewReader(text))
	if err != nil {
		return false
	}
	_, _, err = instructions.Parse(res.AST, nil)
	return err == nil
}
