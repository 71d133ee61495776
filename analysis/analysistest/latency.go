package analysistest

import (
	"slices"
	"testing"
	"time"
)

// ReportLatency adds the 50th, 95th and 99th percentiles and the maximum of
// samples to b's results, in microseconds, each metric's name starting with
// prefix ("" or e.g. "cold-"). The issues' budgets are percentiles, which
// ns/op (a mean) cannot show. samples is sorted in place.
func ReportLatency(b *testing.B, prefix string, samples []time.Duration) {
	if len(samples) == 0 {
		return
	}
	slices.Sort(samples)
	at := func(p float64) float64 {
		return float64(samples[int(p*float64(len(samples)-1))]) / float64(time.Microsecond)
	}
	b.ReportMetric(at(0.50), prefix+"p50-µs")
	b.ReportMetric(at(0.95), prefix+"p95-µs")
	b.ReportMetric(at(0.99), prefix+"p99-µs")
	b.ReportMetric(at(1), prefix+"max-µs")
}
