package rules

import (
	"fmt"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
)

// ContextNotIgnored reports `COPY . .` (or the copy of a context folder) while
// the folder holds paths that should never reach an image and that no
// .dockerignore excludes (buildcontext.NeverShipPaths: .git, node_modules,
// build outputs, virtual environments, secrets). BuildKit sends them with
// every build and the copy puts them in a layer. The fix adds them to the
// .dockerignore BuildKit reads, creating it if needed. Secrets that reach
// the final image of a multi-stage build are SecretCopiedToFinalStage's.
var ContextNotIgnored = &analysis.Analyzer{
	Name:     "ContextNotIgnored",
	Severity: analysis.Warning,
	Run:      runContextNotIgnored,
}

func runContextNotIgnored(p *analysis.Pass) {
	c := p.BuildContext
	if c == nil || c.Ignore.Err != nil {
		return
	}
	final := finalBody(p)
	for _, s := range p.Model.Stages {
		for _, n := range s.Body {
			secretsElsewhere := len(p.Model.Stages) > 1 && final[n.Offset]
			for _, cp := range contextDirCopies(n, c) {
				found := neverShippedFound(c, cp.dir, func(k *buildcontext.NeverShip) bool { return !k.Secret || !secretsElsewhere })
				if len(found) == 0 {
					continue
				}
				w := totalWeight(found)
				p.Report(analysis.Diagnostic{
					Range: cp.word.Range,
					Message: fmt.Sprintf("%s %s sends %s (%s) that should never reach an image and that no .dockerignore excludes: %s",
						n.Command(), cp.word.Value, plural(w.Files, "file"), formatBytes(w.Bytes), describeFound(found)),
					Fixes: []analysis.Fix{ignoreFix(c, found)},
				})
			}
		}
	}
}

// finalBody is the set of instructions (by offset) whose result is in the
// final image.
func finalBody(p *analysis.Pass) map[int]bool {
	in := map[int]bool{}
	for _, n := range body(finalImage(p)) {
		in[n.Offset] = true
	}
	return in
}
