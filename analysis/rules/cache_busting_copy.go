package rules

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// CacheBustingCopy reports a stage that copies the whole build context before
// it installs dependencies (go mod download, npm ci, pip install -r, mvn
// dependency:go-offline, cargo fetch...). Any change to any file invalidates
// the COPY layer and everything after it, so every edit re-downloads every
// dependency. Copying the manifests first keeps the install cached until they
// change.
var CacheBustingCopy = &analysis.Analyzer{
	Name:     "CacheBustingCopy",
	Severity: analysis.Information,
	Run:      runCacheBustingCopy,
}

func runCacheBustingCopy(p *analysis.Pass) {
	for _, s := range p.Model.Stages {
		var ctxCopy syntax.Node
		var ctxWord syntax.Word
		copied := false
		installedBefore := map[facts.Ecosystem]bool{}
		for _, n := range s.Body {
			if !copied {
				if w, ok := wholeContext(n); ok {
					ctxCopy, ctxWord, copied = n, w, true
					continue
				}
			}
			if n.Command() != "RUN" {
				continue
			}
			_, cmds := runCommands(n)
			for _, c := range cmds {
				dep, ok := facts.ReadDependency(facts.Command{Command: &c.Command, Offset: c.node.Offset})
				if !ok {
					continue
				}
				if !copied {
					installedBefore[dep.Ecosystem] = true
					continue
				}
				if installedBefore[dep.Ecosystem] || hasCacheMount(n) {
					continue
				}
				p.Report(analysis.Diagnostic{
					Range: ctxWord.Range,
					Message: fmt.Sprintf("%s %s copies the whole build context before `%s`, so any source change re-runs the install and re-downloads every dependency; "+
						"COPY %s first, run `%s`, then copy the rest", ctxCopy.Command(), ctxWord.Value, dep.Label, strings.Join(dep.Manifests, " ")+" ./", dep.Label),
					Related: []analysis.Related{{Range: wordsRange(c.Words, c.node.Offset), Message: "the dependency install that re-runs"}},
				})
				installedBefore[dep.Ecosystem] = true
			}
		}
	}
}
