package rules_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

var update = flag.Bool("update", false, "rewrite the .fixed golden files")

// TestFixes applies the first quick fix of every diagnostic of each fixture
// that has a golden `<name>.Dockerfile.fixed` beside it and compares the
// result; the fixed text must then be free of fixable findings, and no fix may
// drop a byte of the user's text.
func TestFixes(t *testing.T) {
	goldens, err := filepath.Glob("../../testdata/rules/*.Dockerfile.fixed")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files (%v)", err)
	}
	for _, golden := range goldens {
		input := strings.TrimSuffix(golden, ".fixed")
		t.Run(filepath.Base(input), func(t *testing.T) {
			data, err := os.ReadFile(input)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			ds := check.Run(context.Background(), syntax.Parse(text), check.Config{})
			var edits []analysis.Edit
			for _, d := range ds {
				if len(d.Fixes) == 0 {
					continue
				}
				for _, e := range d.Fixes[0].Edits {
					if e.Range.Len() > 0 && !strings.Contains(e.NewText, text[e.Range.Start:e.Range.End]) && !replacesText[d.Rule] {
						t.Errorf("%s: fix %q drops %q", d.Rule, d.Fixes[0].Title, text[e.Range.Start:e.Range.End])
					}
					edits = append(edits, e)
				}
			}
			got := apply(t, text, edits)
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("fixed text differs from %s:\n%s", golden, got)
			}
			for _, d := range check.Run(context.Background(), syntax.Parse(got), check.Config{}) {
				if len(d.Fixes) > 0 {
					t.Errorf("after the fixes, %s still reports %q", d.Rule, d.Message)
				}
			}
		})
	}
}

// replacesText are the rules whose fix removes or rewrites the user's text
// on purpose: a wrong word (an image, a path), a --platform flag.
var replacesText = map[string]bool{"FinalStageBuildImage": true, "RuntimeOnBuildPlatform": true, "CopyFromMissingPath": true, "ProgramNotInImage": true}

// apply applies non-overlapping edits, last first.
func apply(t *testing.T, text string, edits []analysis.Edit) string {
	t.Helper()
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Range.Start > edits[j].Range.Start })
	end := len(text) + 1
	for _, e := range edits {
		if e.Range.End > end && e.Range.Start < end {
			t.Fatalf("overlapping edits at %v", e.Range)
		}
		text = text[:e.Range.Start] + e.NewText + text[e.Range.End:]
		end = e.Range.Start
	}
	return text
}

// TestTargetIsFinal: with a build target configured, the final-image rules
// judge the target stage and the stages it is built on, not the last stage.
func TestTargetIsFinal(t *testing.T) {
	const text = "FROM debian:bookworm-slim AS base\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n" +
		"FROM base AS tools\nUSER nobody\nCMD [\"curl\"]\n" +
		"FROM alpine:3.20\nCOPY --from=tools /usr/bin/curl /curl\nUSER nobody\nCMD [\"/curl\"]\n"
	count := func(target string) int {
		n := 0
		for _, d := range check.Run(context.Background(), syntax.Parse(text), check.Config{Target: target}) {
			if d.Rule == "PackageCacheNotCleaned" {
				n++
			}
		}
		return n
	}
	if got := count(""); got != 0 {
		t.Errorf("last stage as final: %d findings, want 0 (base is only copied from)", got)
	}
	if got := count("tools"); got != 1 {
		t.Errorf("target tools: %d findings, want 1 (base is its FROM parent)", got)
	}
}
