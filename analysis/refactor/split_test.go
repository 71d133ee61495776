package refactor_test

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

var update = flag.Bool("update", false, "rewrite the .golden files")

// TestSplitGolden splits every testdata/split/<recipe>_<n>.Dockerfile and
// compares the result with <recipe>_<n>.golden; the recipe in the name must
// be the one chosen. Every output must then pass checkSplit.
func TestSplitGolden(t *testing.T) {
	inputs, err := filepath.Glob("../../testdata/split/*.Dockerfile")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no split fixtures (%v)", err)
	}
	perRecipe := map[string]int{}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".Dockerfile")
		recipe := name[:strings.LastIndexByte(name, '_')]
		perRecipe[recipe]++
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			r, err := refactor.SplitDetail(syntax.Parse(text), nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Recipe != recipe {
				t.Errorf("recipe %q, want %q", r.Recipe, recipe)
			}
			golden := strings.TrimSuffix(in, ".Dockerfile") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(r.Text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if r.Text != string(want) {
				t.Errorf("split differs from %s (run with -update to see the diff in git):\n%s", golden, r.Text)
			}
			checkSplit(t, text, r)
		})
	}
	for _, rc := range []string{"go", "node-static", "node-server", "java-maven", "java-gradle", "python", "rust", "dotnet", "c", "generic"} {
		if perRecipe[rc] < 2 {
			t.Errorf("recipe %s has %d golden cases, want at least 2", rc, perRecipe[rc])
		}
	}
}

// checkSplit asserts what every split must satisfy: its edits produce its
// text, no line of the input is lost, line endings are kept, BuildKit
// accepts it and the final stage depends on the build stage, the rules
// that ask for a split are satisfied and the split is not offered again.
func checkSplit(t *testing.T, in string, r refactor.Result) {
	t.Helper()
	out := r.Text
	if got := refactor.ApplyEdits(in, r.Edits); got != out {
		t.Errorf("the edits do not produce the text:\n%s", got)
	}
	for _, line := range lostLines(in, out) {
		t.Errorf("input line lost: %q", line)
	}
	if strings.Count(in, "\r\n") > strings.Count(in, "\n")/2 && strings.Count(out, "\n") != strings.Count(out, "\r\n") {
		t.Errorf("a CRLF file got LF line endings:\n%q", out)
	}
	checkBuildKit(t, out)
	f := syntax.Parse(out)
	m := model.Build(f)
	final := m.Stages[len(m.Stages)-1]
	reach := m.Reachable(final)
	if len(m.Stages) != 2 || !reach[m.Stages[0]] {
		t.Errorf("the runtime stage does not depend on the build stage")
	}
	for _, d := range check.Run(context.Background(), f, check.Config{}) {
		if d.Rule == "SingleStageBuild" || d.Rule == "FinalStageBuildImage" {
			t.Errorf("after the split, %s still reports: %s", d.Rule, d.Message)
		}
		// A runtime image the split picks is pinned; one it keeps from the input is as the user wrote it.
		if d.Rule == "UnpinnedBaseImage" && d.Range.Start >= final.From.Offset && final.BaseValue != m.Stages[0].BaseValue {
			t.Errorf("the split's runtime stage is unpinned: %s", d.Message)
		}
	}
	if _, ok, err := refactor.Split(f); ok || !errors.Is(err, refactor.ErrNotApplicable) {
		t.Errorf("the split is offered again on its own output (ok=%v, err=%v)", ok, err)
	}
	if r.Recipe == "generic" || strings.Contains(out, "REPLACE-WITH-ARTIFACT-PATH") {
		if len(r.Placeholders) == 0 {
			t.Errorf("a placeholder split marks no placeholder")
		}
		if !strings.Contains(out, "TODO(dockerfile-lsp)") {
			t.Errorf("the placeholder is not marked with a TODO comment")
		}
	}
	for _, p := range r.Placeholders {
		e := r.Edits[p.Edit]
		if p.Start < 0 || p.End > len(e.NewText) || p.Start >= p.End {
			t.Errorf("placeholder %+v outside its edit", p)
		}
	}
}

// lostLines are the non-blank input lines that the output has neither as a
// line, nor commented out, nor extended (FROM x → FROM x AS build).
func lostLines(in, out string) []string {
	have := map[string]bool{}
	var outLines []string
	for _, l := range strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n") {
		l = strings.TrimSpace(l)
		have[l] = true
		if c, ok := strings.CutPrefix(l, "# "); ok {
			have[strings.TrimSpace(c)] = true
		}
		outLines = append(outLines, l)
	}
	var lost []string
	for _, l := range strings.Split(strings.ReplaceAll(in, "\r\n", "\n"), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || have[l] {
			continue
		}
		found := false
		for _, o := range outLines {
			if strings.HasPrefix(o, l+" AS ") || strings.HasPrefix(o, l+" as ") {
				found = true
			}
		}
		if !found {
			lost = append(lost, l)
		}
	}
	return lost
}

// The split is not offered where it cannot help: an image whose program is
// a dev server, a test run, a build tool or a shell kept alive.
func TestSplitRefusesNonApplicationImages(t *testing.T) {
	for name, text := range map[string]string{
		"go run":         "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build ./...\nCMD [\"go\", \"run\", \"./cmd/api\"]\n",
		"sleep infinity": "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"sleep\", \"infinity\"]\n",
		"go test":        "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"go\", \"test\", \"./...\"]\n",
		"mvn":            "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /src\nCOPY . .\nRUN mvn -B package\nCMD [\"mvn\"]\n",
	} {
		_, ok, err := refactor.Split(syntax.Parse(text))
		if ok || !errors.Is(err, refactor.ErrNotApplicable) || !strings.Contains(err.Error(), "image (") {
			t.Errorf("%s: split offered or refused for another reason (ok=%v, err=%v)", name, ok, err)
		}
	}
}
