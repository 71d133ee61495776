package rules_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

var update = flag.Bool("update", false, "rewrite the .fixed and .actions golden files")

// TestFixes applies the fixes of each fixture that has a golden
// `<name>.Dockerfile.fixed` beside it the way `dockerfile-lsp fix` does
// (check.FixAll: preferred fixes that do not overlap, round after round) and
// compares the result; the fixed text must then be free of fixable
// findings, and no applied edit may drop the user's text (dropsUserText).
func TestFixes(t *testing.T) {
	eachGolden(t, func(t *testing.T, golden, input, text string) {
		got, applied := check.FixAll(context.Background(), text, check.Config{})
		for _, a := range applied {
			for _, e := range a.Fix.Edits {
				if why := dropsUserText(a.Before, e, a.Fix.Title); why != "" {
					t.Errorf("%s: fix %q %s", a.Rule, a.Fix.Title, why)
				}
			}
		}
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
			for _, fx := range d.Fixes {
				if fx.Preferred {
					t.Errorf("after the fixes, %s still offers %q for %q", d.Rule, fx.Title, d.Message)
				}
			}
		}
	})
}

// TestQuickFixes covers the quick fixes `dockerfile-lsp fix` does not apply
// (not preferred: a guess, or a change of behaviour the user must choose
// in an editor). For each fixture with a `.fixed` golden that offers one,
// `<name>.Dockerfile.actions` shows every quick fix of every diagnostic
// applied alone to the input, as the lines it changes.
func TestQuickFixes(t *testing.T) {
	eachGolden(t, func(t *testing.T, golden, input, text string) {
		var b strings.Builder
		choice := false
		for _, d := range check.Run(context.Background(), syntax.Parse(text), check.Config{}) {
			for _, fx := range d.Fixes {
				choice = choice || !fx.Preferred
				fmt.Fprintf(&b, "# %s, line %d: %s", d.Rule, strings.Count(text[:d.Range.Start], "\n")+1, fx.Title)
				if fx.Preferred {
					b.WriteString(" (preferred)")
				}
				b.WriteString("\n" + changedLines(text, apply(t, text, slices.Clone(fx.Edits))))
			}
		}
		actions := input + ".actions"
		if *update {
			os.Remove(actions)
			if choice {
				if err := os.WriteFile(actions, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		want, err := os.ReadFile(actions)
		switch {
		case !choice && err == nil:
			t.Errorf("%s: every quick fix is preferred, and in the .fixed golden: remove it", actions)
		case choice && err != nil:
			t.Errorf("quick fixes that fix does not apply, and no golden: %v", err)
		case choice && b.String() != string(want):
			t.Errorf("quick fixes differ from %s:\n%s", actions, b.String())
		}
	})
}

// eachGolden runs test on every fixture that has a `.fixed` golden, with
// the golden's path, the fixture's and its text.
func eachGolden(t *testing.T, test func(t *testing.T, golden, input, text string)) {
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
			test(t, golden, input, string(data))
		})
	}
}

// changedLines shows how after differs from before, line by line: each run
// of changed lines under "@@ line N" (N in before), "-" before and "+" after.
func changedLines(before, after string) string {
	a, b := strings.SplitAfter(before, "\n"), strings.SplitAfter(after, "\n")
	// lcs[i][j] is the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	inHunk := false
	line := func(i int, mark, l string) {
		if !inHunk {
			fmt.Fprintf(&out, "@@ line %d\n", i+1)
			inHunk = true
		}
		out.WriteString(mark + strings.TrimSuffix(l, "\n") + "\n")
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			i, j, inHunk = i+1, j+1, false
		case j == len(b) || i < len(a) && lcs[i+1][j] >= lcs[i][j+1]:
			line(i, "-", a[i])
			i++
		default:
			line(i, "+", b[j])
			j++
		}
	}
	return out.String()
}

// applyAction applies the first quick fix of every diagnostic of rule, as
// a user choosing each in an editor would.
func applyAction(t *testing.T, text, rule string) string {
	t.Helper()
	var edits []analysis.Edit
	for _, d := range check.Run(context.Background(), syntax.Parse(text), check.Config{}) {
		if d.Rule == rule && len(d.Fixes) > 0 {
			edits = append(edits, d.Fixes[0].Edits...)
		}
	}
	if len(edits) == 0 {
		t.Fatalf("no quick fix of %s", rule)
	}
	return apply(t, text, edits)
}

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

// dropsUserText says how an edit of text loses what the user wrote, or ""
// when it does not. An edit keeps the user's text when its new text
// contains what it replaces (an insertion, a wrap). It may replace a word,
// and only a word: one token without whitespace on one line (an image, a
// path, a `--platform=…` flag, with the blanks around it), and only when
// the fix's title shows the word that replaces it ("Use node:20-slim",
// "Run ./hello") or, for a removal, the word removed ("Drop
// --platform=$BUILDPLATFORM"), so that the user sees what is lost before
// applying it. Anything wider (a line, several words) must not be dropped.
func dropsUserText(text string, e analysis.Edit, title string) string {
	old := text[e.Range.Start:e.Range.End]
	if old == "" || strings.Contains(e.NewText, old) {
		return ""
	}
	word := strings.Trim(old, " \t")
	switch {
	case strings.ContainsAny(old, "\r\n"):
		return fmt.Sprintf("drops a line break, replacing %q", old)
	case word == "" || strings.ContainsAny(word, " \t"):
		return fmt.Sprintf("drops %q, more than one word", old)
	}
	if repl := strings.TrimSpace(e.NewText); repl != "" {
		if !strings.Contains(title, repl) {
			return fmt.Sprintf("replaces %q by %q, which its title does not show", word, repl)
		}
	} else if !strings.Contains(title, word) {
		return fmt.Sprintf("removes %q, which its title does not show", word)
	}
	return ""
}

// TestPreferredFixesKeepUserText holds every preferred fix offered on any
// fixture to dropsUserText: `dockerfile-lsp fix` applies them without the
// user reading each edit. The other quick fixes are chosen one by one in an
// editor by their title, which says what they do ("Remove unused stage
// build" removes its lines).
func TestPreferredFixesKeepUserText(t *testing.T) {
	fixtures, err := filepath.Glob("../../testdata/rules/*.Dockerfile")
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixtures (%v)", err)
	}
	n := 0
	for _, path := range fixtures {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range check.Run(context.Background(), syntax.Parse(string(data)), check.Config{DisableBuildKit: true}) {
			for _, fx := range d.Fixes {
				if !fx.Preferred {
					continue
				}
				n++
				for _, e := range fx.Edits {
					if why := dropsUserText(string(data), e, fx.Title); why != "" {
						t.Errorf("%s: %s: fix %q %s", filepath.Base(path), d.Rule, fx.Title, why)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Error("no preferred fix in the fixtures")
	}
}

func TestDropsUserText(t *testing.T) {
	const text = "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go build -o /out/app .\n"
	at := func(s string) syntax.Range {
		i := strings.Index(text, s)
		return syntax.Range{Start: i, End: i + len(s)}
	}
	for _, tc := range []struct {
		name  string
		edit  analysis.Edit
		title string
		drops bool
	}{
		{"insertion", analysis.Edit{Range: syntax.Range{Start: 5, End: 5}, NewText: "x "}, "Add x", false},
		{"wrap keeps the text", analysis.Edit{Range: at("golang:1.22"), NewText: "${IMG:-golang:1.22}"}, "Wrap", false},
		{"one word replaced, title shows it", analysis.Edit{Range: at("golang:1.22"), NewText: "golang:1.22-alpine"}, "Use golang:1.22-alpine", false},
		{"one word replaced, title silent", analysis.Edit{Range: at("/out/app"), NewText: "/out/api"}, "Fix the path", true},
		{"a flag removed with its blank", analysis.Edit{Range: at("--platform=$BUILDPLATFORM ")}, "Drop --platform=$BUILDPLATFORM", false},
		{"a flag removed, title silent", analysis.Edit{Range: at("--platform=$BUILDPLATFORM ")}, "Drop the flag", true},
		{"two words", analysis.Edit{Range: at("AS build")}, "Drop AS build", true},
		{"a line dropped", analysis.Edit{Range: at("RUN go build -o /out/app .\n")}, "Remove RUN go build -o /out/app .", true},
		{"a line break dropped", analysis.Edit{Range: at("build\nRUN"), NewText: "buildRUN"}, "Join buildRUN", true},
		{"a blank dropped, the word kept", analysis.Edit{Range: at(" AS"), NewText: "AS"}, "Tidy AS", false},
	} {
		if why := dropsUserText(text, tc.edit, tc.title); (why != "") != tc.drops {
			t.Errorf("%s: dropsUserText = %q, want drops=%v", tc.name, why, tc.drops)
		}
	}
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
