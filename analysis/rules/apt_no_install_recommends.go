package rules

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
)

// AptNoInstallRecommends reports `apt-get install` in the final image without
// --no-install-recommends: apt then also installs every "recommended"
// package, often more than the requested ones.
var AptNoInstallRecommends = &analysis.Analyzer{
	Name:     "AptNoInstallRecommends",
	Severity: analysis.Information,
	Run:      runAptNoInstallRecommends,
}

func runAptNoInstallRecommends(p *analysis.Pass) {
	chain := finalImage(p)
	if nonShippingTarget(p) {
		return
	}
	// An apt.conf snippet written by the Dockerfile itself settles it.
	for _, n := range body(chain) {
		if n.Command() == "RUN" && strings.Contains(n.Text(), "Install-Recommends") {
			return
		}
	}
	for _, n := range body(chain) {
		if n.Command() != "RUN" {
			continue
		}
		_, cmds := runCommands(n)
		for _, c := range cmds {
			pc, ok := facts.ParsePackage(&c.Command)
			if !ok || family(pc) != "apt" || pc.Sub.Value != "install" || len(pc.Names) == 0 {
				continue
			}
			if pc.HasOption("--no-install-recommends", "--install-recommends", "-s", "--simulate", "--dry-run", "--just-print", "--no-act", "--recon", "-d", "--download-only", "--print-uris") {
				continue
			}
			p.Report(analysis.Diagnostic{
				Range:   cmdHead(c.Command, pc.Sub, c.node.Offset),
				Message: fmt.Sprintf("%s install without --no-install-recommends also installs the recommended packages of everything it installs, often more than was asked for", pc.Tool),
				Fixes: []analysis.Fix{{
					Title:     "Add --no-install-recommends",
					Edits:     []analysis.Edit{insertAfter(pc.Sub.At(c.node.Offset), " --no-install-recommends")},
					Preferred: true,
				}},
			})
		}
	}
}
