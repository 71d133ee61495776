package hover

import (
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/navigate"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestCorpusEveryOffset hovers and asks for the definition at every byte
// offset of every real-world Dockerfile: no panic, a range that holds the
// cursor, and a non-empty text whenever there is a hover.
func TestCorpusEveryOffset(t *testing.T) {
	files := corpus.Files(t, "real")
	if testing.Short() {
		files = files[:len(files)/10]
	}
	hovers, offsets := 0, 0
	for _, path := range files {
		text := corpus.Read(t, path)
		m := model.Build(syntax.Parse(text))
		x := navigate.For(m)
		for off := 0; off <= len(text); off++ {
			offsets++
			for _, md := range []bool{true, false} {
				res, ok := Hover(m, off, Options{Markdown: md})
				if !ok {
					continue
				}
				if md {
					hovers++
				}
				if res.Text == "" || res.Range.Start > off || res.Range.End < off || res.Range.End > len(text) {
					t.Fatalf("%s@%d: hover %q over %v", path, off, res.Text, res.Range)
				}
			}
			for _, r := range x.Definition(off) {
				if r.Start < 0 || r.End > len(text) || r.Start > r.End {
					t.Fatalf("%s@%d: definition %v", path, off, r)
				}
			}
		}
	}
	t.Logf("%d files, %d offsets, %d with a hover", len(files), offsets, hovers)
}

// BenchmarkHoverCorpus hovers at every offset of every real-world Dockerfile,
// on a snapshot built once per file as the server holds it, and reports the
// latency percentiles of one hover. The first hover of each file also builds
// the symbol index; "cold-" metrics are that first hover (index included).
func BenchmarkHoverCorpus(b *testing.B) {
	files := corpus.Files(b, "real")
	texts := make([]string, len(files))
	for i, p := range files {
		texts[i] = corpus.Read(b, p)
	}
	var lat, cold []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lat, cold = lat[:0], cold[:0]
		for _, text := range texts {
			m := model.Build(syntax.Parse(text))
			for off := 0; off <= len(text); off++ {
				start := time.Now()
				Hover(m, off, Options{Markdown: true})
				d := time.Since(start)
				if off == 0 {
					cold = append(cold, d)
				} else {
					lat = append(lat, d)
				}
			}
		}
	}
	b.StopTimer()
	analysistest.ReportLatency(b, "", lat)
	analysistest.ReportLatency(b, "cold-", cold)
	b.ReportMetric(float64(len(lat)), "offsets")
}
