package refactor_test

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestActionsRealCorpus offers every action at the start of every stage and
// on a selection of each stage's middle instructions, for every file of the
// real corpus, and applies it: nothing may panic, the edits must be sorted
// and disjoint, BuildKit must accept the result when it accepted the input,
// and the refactorings that keep behaviour (name, extract) must leave the
// final target running the same commands.
func TestActionsRealCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus sweep")
	}
	counts := map[string]int{}
	for _, path := range corpus.Files(t, "real") {
		if strings.HasSuffix(path, ".tsv") || strings.HasSuffix(path, ".md") {
			continue
		}
		text := corpus.Read(t, path)
		_, parseErr := buildkitStages(text)
		f := syntax.Parse(text)
		m := model.Build(f)
		var sels []syntax.Range
		for _, s := range m.Stages {
			sels = append(sels, syntax.Range{Start: s.From.Offset, End: s.From.Offset})
			if len(s.Body) >= 3 {
				sels = append(sels, syntax.Range{Start: s.Body[1].Offset, End: s.Body[len(s.Body)/2].Range().End})
			}
		}
		rel, _ := filepath.Rel(corpus.Dir(), path)
		seen := map[string]bool{}
		for _, sel := range sels {
			for _, a := range refactor.Actions(f, m, sel) {
				if seen[a.ID] {
					continue
				}
				seen[a.ID] = true
				kind, _, _ := strings.Cut(a.ID, ":")
				counts[kind]++
				for i := 1; i < len(a.Edits); i++ {
					if a.Edits[i].Range.Start < a.Edits[i-1].Range.End {
						t.Errorf("%s: %s: edits overlap or are unsorted", rel, a.ID)
					}
				}
				got := refactor.ApplyEdits(text, a.Edits)
				if parseErr != nil {
					continue
				}
				if _, err := buildkitStages(got); err != nil {
					t.Errorf("%s: %s (%s): BuildKit rejects the result: %v", rel, a.ID, a.Title, err)
					continue
				}
				if kind == "name-stage" || kind == "extract" {
					before, err1 := llbExecCount(text)
					after, err2 := llbExecCount(got)
					if err1 == nil && (err2 != nil || before != after) {
						t.Errorf("%s: %s: the final target runs %d commands before and %d after (%v)", rel, a.ID, before, after, err2)
					}
				}
			}
		}
	}
	var keys []string
	for k, n := range counts {
		keys = append(keys, k+"="+itoa(n))
	}
	sort.Strings(keys)
	t.Logf("actions applied on the real corpus: %s", strings.Join(keys, ", "))
}
