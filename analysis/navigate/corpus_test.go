package navigate

import (
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestCorpus runs every navigation feature at every offset of every real
// Dockerfile: no panic, ranges inside the text, every occurrence among its
// own references, and rename edits that never overlap.
func TestCorpus(t *testing.T) {
	files := corpus.Files(t, "real")
	if testing.Short() {
		files = files[:len(files)/10]
	}
	counts := map[Kind]int{}
	refused := 0
	for _, path := range files {
		text := corpus.Read(t, path)
		x := For(model.Build(syntax.Parse(text)))
		inText := func(r syntax.Range) bool { return 0 <= r.Start && r.Start <= r.End && r.End <= len(text) }
		for off := 0; off <= len(text); off++ {
			for _, r := range x.Definition(off) {
				if !inText(r) {
					t.Fatalf("%s@%d: definition %v outside the text", path, off, r)
				}
			}
			x.Highlights(off)
		}
		for _, s := range x.symbols() {
			counts[s.Kind]++
			refs := x.References(s.Range.Start, true)
			if !slices.Contains(refs, s.Range) {
				t.Errorf("%s: %q at %v is not among its references %v", path, s.Name, s.Range, refs)
			}
			if s.Var != nil {
				x.Value(s.Var)
			}
			edits, err := x.Rename(s.Range.Start, "renamed_x1")
			if err != nil {
				if _, ok := err.(*RenameError); !ok {
					t.Fatalf("%s: %v", path, err)
				}
				refused++
				continue
			}
			sort.Slice(edits, func(i, j int) bool { return edits[i].Range.Start < edits[j].Range.Start })
			for i, e := range edits {
				if !inText(e.Range) || i > 0 && edits[i-1].Range.End > e.Range.Start {
					t.Fatalf("%s: bad rename edits %v", path, edits)
				}
			}
		}
	}
	t.Logf("occurrences: %d stage, %d variable, %d heredoc; %d renames refused", counts[StageSymbol], counts[VariableSymbol], counts[HeredocSymbol], refused)
}

func BenchmarkIndexCorpus(b *testing.B) {
	files := corpus.Files(b, "real")
	models := make([]*model.Model, len(files))
	for i, p := range files {
		models[i] = model.Build(syntax.Parse(corpus.Read(b, p)))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		build(models[i%len(models)])
	}
}

// BenchmarkDefinitionCorpus asks for the definition and the highlights at
// every offset of every real-world Dockerfile (snapshot and index built once
// per file) and reports per-offset latency percentiles.
func BenchmarkDefinitionCorpus(b *testing.B) {
	files := corpus.Files(b, "real")
	models := make([]*model.Model, len(files))
	for i, p := range files {
		models[i] = model.Build(syntax.Parse(corpus.Read(b, p)))
	}
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lat = lat[:0]
		for _, m := range models {
			x := For(m)
			for off := 0; off <= len(m.File.Text); off++ {
				start := time.Now()
				x.Definition(off)
				x.Highlights(off)
				lat = append(lat, time.Since(start))
			}
		}
	}
	b.StopTimer()
	analysistest.ReportLatency(b, "", lat)
}
