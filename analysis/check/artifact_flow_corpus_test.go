package check_test

import (
	"context"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestArtifactFlowCorpus: the rules that claim a file is missing
// (CopyFromMissingPath, ProgramNotInImage, ManifestNotCopied) cost the
// user's trust when wrong. The corpus files come from projects that build
// and run, and each former finding on them was false (a Git ADD with a
// #ref, COPY --from of /, a stage picked by a build argument): none may
// come back. A true finding on a new corpus file belongs in this list with
// its reason.
func TestArtifactFlowCorpus(t *testing.T) {
	flow := map[string]bool{"CopyFromMissingPath": true, "ProgramNotInImage": true, "ManifestNotCopied": true}
	for _, set := range []string{"real", "naive"} {
		for _, path := range corpus.Files(t, set) {
			f := syntax.Parse(corpus.Read(t, path))
			for _, d := range check.Run(context.Background(), f, check.Config{DisableBuildKit: true}) {
				if flow[d.Rule] {
					line, _ := f.Lines().Position(d.Range.Start)
					t.Errorf("%s:%d: %s: %s", path, line+1, d.Rule, d.Message)
				}
			}
		}
	}
}
