package refactor_test

import (
	"errors"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestSplitNaiveCorpus: the split must be offered on every file of the
// naive corpus (typical bloated single-stage applications) and every output
// must pass checkSplit.
func TestSplitNaiveCorpus(t *testing.T) {
	counts := map[string]int{}
	for _, path := range corpus.Files(t, "naive") {
		text := corpus.Read(t, path)
		t.Run(filepath.Base(path), func(t *testing.T) {
			f := syntax.Parse(text)
			acts := refactor.Actions(f, nil, syntax.Range{})
			offered := false
			for _, a := range acts {
				offered = offered || a.ID == "split"
			}
			if !offered {
				t.Errorf("the split is not offered")
			}
			r, err := refactor.SplitDetail(f, nil)
			if err != nil {
				t.Fatal(err)
			}
			counts[r.Recipe]++
			checkSplit(t, text, r)
		})
	}
	t.Logf("naive corpus: %s", summary(counts))
}

// TestSplitRealCorpus: on every single-stage file of the real corpus where
// the split is offered, the output must pass checkSplit.
func TestSplitRealCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus sweep")
	}
	counts := map[string]int{}
	single, offered := 0, 0
	reasons := map[string]int{}
	for _, path := range corpus.Files(t, "real") {
		if strings.HasSuffix(path, ".tsv") || strings.HasSuffix(path, ".md") {
			continue
		}
		text := corpus.Read(t, path)
		f := syntax.Parse(text)
		if len(model.Build(f).Stages) != 1 {
			continue
		}
		single++
		r, err := refactor.SplitDetail(f, nil)
		if err != nil {
			if !errors.Is(err, refactor.ErrNotApplicable) {
				t.Errorf("%s: %v", path, err)
			}
			reason := err.Error()
			if i := strings.Index(reason, " ("); i > 0 {
				reason = reason[:i]
			}
			reasons[reason]++
			continue
		}
		offered++
		counts[r.Recipe]++
		rel, _ := filepath.Rel(corpus.Dir(), path)
		t.Run(rel, func(t *testing.T) { checkSplit(t, text, r) })
	}
	t.Logf("real corpus: %d single-stage files, split offered on %d: %s", single, offered, summary(counts))
	t.Logf("not offered: %s", summary(reasons))
}

func summary(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, k+"="+itoa(m[k]))
	}
	return strings.Join(parts, ", ")
}

func itoa(n int) string { return strconv.Itoa(n) }
