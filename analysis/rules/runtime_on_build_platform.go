package rules

import (
	"fmt"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// RuntimeOnBuildPlatform reports a final stage, or a stage it is built on,
// pinned to the build machine's platform ($BUILDPLATFORM), or to a fixed
// platform in a file that builds for several: the image the build produces
// is then for that machine whatever platform was asked for.
var RuntimeOnBuildPlatform = &analysis.Analyzer{
	Name:     "RuntimeOnBuildPlatform",
	Severity: analysis.Warning,
	Run:      runRuntimeOnBuildPlatform,
}

func runRuntimeOnBuildPlatform(p *analysis.Pass) {
	final := p.Final()
	if final == nil {
		return
	}
	f := facts.Of(p.Model)
	fs := f.Stage(final)
	if fs == nil {
		return
	}
	// A final stage that runs nothing (an export stage holding files for
	// --output, a stage that only checks the build) or a dev, test or lint
	// image runs where it is built: its platform is not an image's.
	if !fs.Program.Set || nonShippingTarget(p) {
		return
	}
	chain := fs.Chain()
	multi := multiPlatform(p)
	for _, s := range chain {
		pl := s.Base.Platform
		if pl.Kind != facts.PlatformBuild && (pl.Kind != facts.PlatformLiteral || !multi) {
			continue
		}
		flag, ok := s.Model.From.Flag("platform")
		if !ok {
			continue
		}
		who := "the final stage"
		if s != fs {
			who = fmt.Sprintf("stage %s, which the final stage is built on,", s.Model.Label())
		}
		msg := fmt.Sprintf("%s runs on the build machine's platform (--platform=%s): an image built for another platform (linux/arm64 on an amd64 machine) gets the build machine's binaries and architecture; without the flag it runs on the target platform", who, pl.Value)
		if pl.Kind == facts.PlatformLiteral {
			msg = fmt.Sprintf("%s is pinned to %s while the file builds for several platforms: every image gets %s binaries and architecture; without the flag it runs on the target platform", who, pl.Value, pl.Value)
		}
		p.Report(analysis.Diagnostic{
			Range:   flag.Range,
			Message: msg,
			Fixes: []analysis.Fix{{
				Title:     "Drop --platform=" + pl.Value,
				Edits:     []analysis.Edit{{Range: withSpaceAfter(p.File.Text, flag.Range)}},
				Preferred: true,
			}},
		})
	}
}

// withSpaceAfter extends r over the blanks that follow it on its line.
func withSpaceAfter(text string, r syntax.Range) syntax.Range {
	for r.End < len(text) && (text[r.End] == ' ' || text[r.End] == '\t') {
		r.End++
	}
	return r
}
