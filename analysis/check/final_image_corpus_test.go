package check_test

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// naiveBloat are the bloat findings each naive file got before the
// precision work of issue 12 (measured at commit bdc1a6c): telling dev,
// test and tool images apart must not cost any of them.
var naiveBloat = map[string]string{
	"arg-versioned-go.Dockerfile":  "BuildToolsInFinalStage FinalStageBuildImage FinalStageRunsAsRoot PackageCacheNotCleaned SingleStageBuild",
	"c-make.Dockerfile":            "FinalStageBuildImage FinalStageRunsAsRoot SingleStageBuild",
	"crlf-go.Dockerfile":           "FinalStageBuildImage FinalStageRunsAsRoot SingleStageBuild",
	"django-build-deps.Dockerfile": "AptNoInstallRecommends BuildToolsInFinalStage FinalStageBuildImage PackageCacheNotCleaned",
	"dotnet-web.Dockerfile":        "FinalStageBuildImage FinalStageRunsAsRoot SingleStageBuild",
	"express-ts.Dockerfile":        "DevDependenciesInFinalStage FinalStageBuildImage FinalStageRunsAsRoot SingleStageBuild",
	"flask.Dockerfile":             "FinalStageBuildImage FinalStageRunsAsRoot PackageCacheNotCleaned",
	"go-api.Dockerfile":            "CacheBustingCopy FinalStageBuildImage FinalStageRunsAsRoot SingleStageBuild",
	"go-cgo-sqlite.Dockerfile":     "AptNoInstallRecommends BuildToolsInFinalStage FinalStageBuildImage FinalStageRunsAsRoot PackageCacheNotCleaned SingleStageBuild",
	"gradle-kotlin.Dockerfile":     "FinalStageBuildImage FinalStageRunsAsRoot SingleStageBuild",
	"heredoc-go.Dockerfile":        "FinalStageBuildImage SingleStageBuild",
	"react-spa.Dockerfile":         "DevDependenciesInFinalStage FinalStageBuildImage FinalStageRunsAsRoot SingleStageBuild",
	"rust-axum.Dockerfile":         "FinalStageBuildImage FinalStageRunsAsRoot SingleStageBuild",
	"spring-maven.Dockerfile":      "FinalStageBuildImage FinalStageRunsAsRoot SingleStageBuild",
	"vite-vue.Dockerfile":          "DevDependenciesInFinalStage FinalStageBuildImage FinalStageRunsAsRoot SingleStageBuild",
}

// TestNaiveCorpus checks the final-image rules on the naive single-stage
// Dockerfiles, which exist to be fixed by a multi-stage build: every file
// must get FinalStageBuildImage (each ships an SDK or full image), and every
// file that compiles or bundles must get SingleStageBuild. Per-rule counts
// are logged for the corpus report.
func TestNaiveCorpus(t *testing.T) {
	// The files that only install and run (no compile or bundle step).
	runsOnly := map[string]bool{"flask.Dockerfile": true, "django-build-deps.Dockerfile": true}
	hits := map[string]int{}
	files := corpus.Files(t, "naive")
	for _, path := range files {
		ds := check.Run(context.Background(), syntax.Parse(corpus.Read(t, path)), check.Config{Path: corpus.RepoPath(path)})
		got := map[string]bool{}
		for _, d := range ds {
			if !got[d.Rule] {
				got[d.Rule] = true
				hits[d.Rule]++
			}
		}
		name := filepath.Base(path)
		if !got["FinalStageBuildImage"] {
			t.Errorf("%s: no FinalStageBuildImage", name)
		}
		if !runsOnly[name] && !got["SingleStageBuild"] {
			t.Errorf("%s: compiles but gets no SingleStageBuild", name)
		}
		for _, rule := range strings.Fields(naiveBloat[name]) {
			if !got[rule] {
				t.Errorf("%s: lost its %s finding", name, rule)
			}
		}
	}
	keys := make([]string, 0, len(hits))
	for k := range hits {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-32s %2d of %d naive files", k, hits[k], len(files))
	}
}

// BenchmarkCheckCorpus measures the whole rule set per real corpus file.
func BenchmarkCheckCorpus(b *testing.B) {
	var files []*syntax.File
	for _, path := range corpus.Files(b, "real") {
		files = append(files, syntax.Parse(corpus.Read(b, path)))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			check.Run(context.Background(), f, check.Config{})
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(files)), "µs/file")
}
