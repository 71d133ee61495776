package rules

import (
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// SourceCopiedIntoFinalStage reports `COPY . .` or `ADD . .` (the whole build
// context) in the final image of a multi-stage build: the build stage already
// turned the sources into an artifact, and the copy puts the sources (and
// whatever else sits in the context) back into the image that ships.
var SourceCopiedIntoFinalStage = &analysis.Analyzer{
	Name:     "SourceCopiedIntoFinalStage",
	Severity: analysis.Warning,
	Run:      runSourceCopiedIntoFinalStage,
}

func runSourceCopiedIntoFinalStage(p *analysis.Pass) {
	chain := finalImage(p)
	if len(chain) == 0 || nonShippingTarget(p) || !copiesFromOtherStage(p.Model, chain) {
		return
	}
	interpreted := interpretedApp(p, chain)
	for _, n := range body(chain) {
		w, ok := wholeContext(n)
		if !ok {
			continue
		}
		d := analysis.Diagnostic{Range: w.Range}
		if interpreted {
			// For an interpreted app the sources are what runs; the copy is
			// only worth a look for what else the context holds.
			d.Severity = analysis.Hint
			d.Message = n.Command() + " " + w.Value + " copies the whole build context into the final image; the app's sources are needed here, but tests, docs and tooling come along unless .dockerignore keeps them out or only the app's directories are copied"
		} else {
			d.Message = n.Command() + " " + w.Value + " copies the whole build context (sources, tests, build files) into the final image although the build stage already produced the artifacts; COPY --from the build stage only what runs"
		}
		p.Report(d)
	}
}

// interpretedApp reports whether the final image runs an interpreted app, whose
// sources are what runs.
func interpretedApp(p *analysis.Pass, chain []*model.Stage) bool {
	if images.Interpreted(baseImage(chain)) {
		return true
	}
	prog, _, _ := entrypoint(p)
	switch prog {
	case "node", "npm", "yarn", "pnpm", "bun", "deno", "python", "python3", "gunicorn", "uvicorn", "flask", "ruby", "bundle", "rails", "rackup", "php", "php-fpm", "perl", "nginx", "httpd", "caddy":
		return true
	}
	return false
}
