package refactor_test

import (
	"os"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// BenchmarkActions measures what a code action request costs on a split
// fixture: every action offered and computed.
func BenchmarkActions(b *testing.B) {
	data, err := os.ReadFile("../../testdata/split/python_1.Dockerfile")
	if err != nil {
		b.Fatal(err)
	}
	f := syntax.Parse(string(data))
	m := model.Build(f)
	b.ReportAllocs()
	for b.Loop() {
		refactor.Actions(f, m, syntax.Range{Start: 10, End: 10})
	}
}
