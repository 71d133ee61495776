package facts_test

import (
	"os"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestCorpus reads the facts of every corpus file: nothing panics, every
// stage has one step per instruction, and a share of stages is complete
// enough for rules that claim a file is absent. It logs the figures.
func TestCorpus(t *testing.T) {
	for _, set := range []string{"real", "naive"} {
		files := corpus.Files(t, set)
		stages, complete, builds, outputs := 0, 0, 0, 0
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			f := facts.Of(model.Build(syntax.Parse(string(data))))
			for _, st := range f.Stages {
				if len(st.Steps) != len(st.Model.Body) {
					t.Errorf("%s stage %s: %d steps for %d instructions", p, st.Model.Label(), len(st.Steps), len(st.Model.Body))
				}
				stages++
				if st.Complete {
					complete++
				}
				for _, b := range st.Builds {
					builds++
					if len(b.Outputs) > 0 {
						outputs++
					}
				}
			}
		}
		t.Logf("%s: %d files, %d stages, %d complete (%.0f%%), %d build steps, %d with known outputs",
			set, len(files), stages, complete, 100*float64(complete)/float64(max(stages, 1)), builds, outputs)
	}
}
