package rules_test

import (
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// BenchmarkArtifactFlowCorpus runs the three artifact-flow rules over every
// real corpus file, models and facts built beforehand (the server builds
// them once per version): the cost the rules add to a diagnostics run.
func BenchmarkArtifactFlowCorpus(b *testing.B) {
	var models []*model.Model
	for _, p := range corpus.Files(b, "real") {
		m := model.Build(syntax.Parse(corpus.Read(b, p)))
		facts.Of(m)
		models = append(models, m)
	}
	flow := []*analysis.Analyzer{rules.CopyFromMissingPath, rules.ProgramNotInImage, rules.ManifestNotCopied}
	b.ResetTimer()
	for b.Loop() {
		for _, m := range models {
			for _, a := range flow {
				analysis.NewPass(a, m, "", func(analysis.Diagnostic) {}).Run()
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(models))/1e3, "µs/file")
}
