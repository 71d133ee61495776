package check_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// BenchmarkCheck50Lines is the budget: all rules plus BuildKit's
// checks for a 50-line file within 5 ms. Each iteration changes a comment so
// that BuildKit's outcome cache never answers, and scans the text, as an edit
// would.
func BenchmarkCheck50Lines(b *testing.B) {
	for _, bk := range []bool{true, false} {
		name := "with-buildkit"
		if !bk {
			name = "project-rules-only"
		}
		b.Run(name, func(b *testing.B) {
			fiftyLines := analysistest.ReadFile(b, "../../testdata/bench/fifty-lines.Dockerfile")
			durs := make([]time.Duration, 0, b.N)
			for i := 0; i < b.N; i++ {
				text := strings.Replace(fiftyLines, "# edit", "# edit "+strconv.Itoa(i), 1)
				start := time.Now()
				check.Run(context.Background(), syntax.Parse(text), check.Config{DisableBuildKit: !bk})
				durs = append(durs, time.Since(start))
			}
			analysistest.ReportLatency(b, "", durs)
		})
	}
}
