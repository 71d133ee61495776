package completion

import (
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// benchEveryOffset completes at every offset of every real corpus file and
// reports the latency distribution per request; the target is p95 ≤ 1 ms.
func benchEveryOffset(b *testing.B, withModel bool) {
	paths := corpus.Files(b, "real")
	type doc struct {
		f *syntax.File
		m *model.Model
	}
	docs := make([]doc, len(paths))
	for i, p := range paths {
		f := syntax.Parse(corpus.Read(b, p))
		docs[i] = doc{f: f, m: model.Build(f)}
	}
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		lat = lat[:0]
		for _, d := range docs {
			for off := 0; off <= len(d.f.Text); off++ {
				start := time.Now()
				if withModel {
					CompleteWith(d.m, off)
				} else {
					Complete(d.f, off)
				}
				lat = append(lat, time.Since(start))
			}
		}
	}
	b.StopTimer()
	analysistest.ReportLatency(b, "", lat)
	b.ReportMetric(float64(len(lat)), "offsets")
}

// BenchmarkCompleteEveryOffset measures Complete as is: the semantic model is
// built inside the request whenever the context needs it (stages, variables).
func BenchmarkCompleteEveryOffset(b *testing.B) { benchEveryOffset(b, false) }

// BenchmarkCompleteWithModelEveryOffset measures CompleteWith on a model the
// caller already holds (what the server does with a snapshot).
func BenchmarkCompleteWithModelEveryOffset(b *testing.B) { benchEveryOffset(b, true) }
