package completion

import (
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// BenchmarkCompleteEveryOffset completes at every offset of every real
// corpus file, on the model a snapshot holds (what the server does), and
// reports the latency distribution per request; the target is p95 ≤ 1 ms.
func BenchmarkCompleteEveryOffset(b *testing.B) {
	paths := corpus.Files(b, "real")
	var models []*model.Model
	for _, p := range paths {
		models = append(models, model.Build(syntax.Parse(corpus.Read(b, p))))
	}
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		lat = lat[:0]
		for _, m := range models {
			for off := 0; off <= len(m.File.Text); off++ {
				start := time.Now()
				CompleteIn(m, off, Env{})
				lat = append(lat, time.Since(start))
			}
		}
	}
	b.StopTimer()
	analysistest.ReportLatency(b, "", lat)
	b.ReportMetric(float64(len(lat)), "offsets")
}
