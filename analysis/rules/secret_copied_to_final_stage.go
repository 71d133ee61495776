package rules

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
)

// SecretCopiedToFinalStage reports, in a multi-stage build, a `COPY . .` (or
// the copy of a context folder) in the final image while the context holds
// secret-looking files (.env, private keys) that no .dockerignore excludes.
// Multi-stage builds are often written so that sources and credentials stay
// in the build stage; a wholesale copy in the final stage ships them to
// everyone who pulls the image. The fix adds them to .dockerignore.
var SecretCopiedToFinalStage = &analysis.Analyzer{
	Name:     "SecretCopiedToFinalStage",
	Severity: analysis.Warning,
	Run:      runSecretCopiedToFinalStage,
}

func runSecretCopiedToFinalStage(p *analysis.Pass) {
	c := p.BuildContext
	if c == nil || c.Ignore.Err != nil || len(p.Model.Stages) < 2 {
		return
	}
	for _, n := range body(finalImage(p)) {
		for _, cp := range contextDirCopies(n, c) {
			found := neverShippedFound(c, cp.dir, func(k *buildcontext.NeverShip) bool { return k.Secret })
			if len(found) == 0 {
				continue
			}
			var what []string
			for _, f := range found {
				what = append(what, fmt.Sprintf("%s (%s)", f.Path, f.Kind.What))
			}
			p.Report(analysis.Diagnostic{
				Range: cp.word.Range,
				Message: fmt.Sprintf("%s %s puts %s into the final image, where everyone who pulls it can read them; exclude them in .dockerignore and pass secrets with RUN --mount=type=secret",
					n.Command(), cp.word.Value, strings.Join(what, ", ")),
				Fixes: []analysis.Fix{ignoreFix(c, found)},
			})
		}
	}
}
