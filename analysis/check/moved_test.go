package check_test

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// A line inserted above every instruction moves them all; the findings,
// their fixes and the code actions must move with them, byte for byte.
// The file is analysed in its first place before, so that everything kept
// by text (the parses of RUN commands, which hold ranges relative to their
// instruction) is reused at the new offsets: a range placed with the wrong
// offset shows here.
func TestFindingsMoveWithTheirInstructions(t *testing.T) {
	files, err := filepath.Glob("../../testdata/rules/*.Dockerfile")
	if err != nil || len(files) == 0 {
		t.Fatalf("no rule fixtures: %v", err)
	}
	for _, path := range files {
		checkMoved(t, filepath.Base(path), analysistest.ReadFile(t, path), true)
	}
}

// The same on both corpora; the code actions at every instruction only on
// the naive one (on 730 files they take too long).
func TestCorpusFindingsMoveWithTheirInstructions(t *testing.T) {
	for _, set := range []string{"naive", "real"} {
		for _, path := range corpus.Files(t, set) {
			rel, _ := filepath.Rel(corpus.Dir(), path)
			checkMoved(t, rel, corpus.Read(t, path), set == "naive")
		}
	}
}

func checkMoved(t *testing.T, name, text string, actions bool) {
	t.Helper()
	const line = "# an edit above every instruction\n"
	before := syntax.Parse(text)
	nodes := before.Instructions()
	if len(nodes) == 0 {
		return
	}
	at := nodes[0].Offset // after the parser directives, which must stay first
	after := syntax.Parse(text[:at] + line + text[at:])
	moved := func(s string) string { return s[:at] + line + s[at:] }

	want := check.Run(context.Background(), before, check.Config{})
	got := check.Run(context.Background(), after, check.Config{})
	if len(got) != len(want) {
		t.Errorf("%s: %d findings moved, %d in place", name, len(got), len(want))
		return
	}
	for i, w := range want {
		g := got[i]
		// Messages that name a line name the next one.
		sameMessage := lineNumber.ReplaceAllString(g.Message, "line N") == lineNumber.ReplaceAllString(w.Message, "line N")
		if g.Rule != w.Rule || !sameMessage || g.Range != shift(w.Range, at, len(line)) {
			t.Errorf("%s: moved %s %v %q, in place %s %v %q", name, g.Rule, g.Range, g.Message, w.Rule, w.Range, w.Message)
			continue
		}
		for k, r := range w.Related {
			if k >= len(g.Related) || g.Related[k].Range != shift(r.Range, at, len(line)) {
				t.Errorf("%s: %s: related ranges moved wrongly: %v, in place %v", name, w.Rule, g.Related, w.Related)
			}
		}
		for k, fx := range w.Fixes {
			if k >= len(g.Fixes) || applyFix(after.Text, g.Fixes[k]) != moved(applyFix(before.Text, fx)) {
				t.Errorf("%s: %s: fix %q gives another text once moved", name, w.Rule, fx.Title)
			}
		}
	}
	if !actions {
		return
	}
	mb, ma := model.Of(before), model.Of(after)
	movedNodes := after.Instructions()
	for k, n := range nodes {
		wantActs := refactor.Actions(before, mb, n.Range())
		gotActs := refactor.Actions(after, ma, movedNodes[k].Range())
		if len(gotActs) != len(wantActs) {
			t.Errorf("%s: instruction %d: %d actions moved, %d in place", name, k, len(gotActs), len(wantActs))
			continue
		}
		for j, w := range wantActs {
			g := gotActs[j]
			if g.Title != w.Title || refactor.ApplyEdits(after.Text, g.Edits) != moved(refactor.ApplyEdits(before.Text, w.Edits)) {
				t.Errorf("%s: action %q at instruction %d gives another text once moved", name, w.Title, k)
			}
		}
	}
}

var lineNumber = regexp.MustCompile(`line \d+`)

// shift is r after n bytes were inserted at offset at.
func shift(r syntax.Range, at, n int) syntax.Range {
	if r.Start >= at {
		r.Start += n
	}
	if r.End >= at && r.End > 0 {
		r.End += n
	}
	return r
}

// applyFix applies the edits of fx that change the analysed file.
func applyFix(text string, fx analysis.Fix) string {
	var edits []analysis.Edit
	for _, e := range fx.Edits {
		if e.Path == "" {
			edits = append(edits, e)
		}
	}
	return refactor.ApplyEdits(text, edits)
}
