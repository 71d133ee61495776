package rules

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/spelling"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// CopySourceNotFound reports a COPY or ADD source that nothing in the build
// context matches once .dockerignore has excluded its paths. For a literal
// path BuildKit fails the build ("not found"). A glob that matches nothing
// does not fail (BuildKit allows empty wildcards, which is what makes
// `COPY package.json yarn.lock* ./` work without a yarn.lock), so a glob is
// reported, as a warning, only when no source of the instruction matches
// anything: the instruction then copies nothing at all.
var CopySourceNotFound = &analysis.Analyzer{
	Name:     "CopySourceNotFound",
	Severity: analysis.Error,
	Run:      runCopySourceNotFound,
}

func runCopySourceNotFound(p *analysis.Pass) {
	c := p.BuildContext
	if c == nil || !c.Complete {
		return // absence needs the whole context
	}
	for _, s := range p.Model.Stages {
		for _, n := range s.Body {
			reportMissingSources(p, c, n)
		}
	}
}

func reportMissingSources(p *analysis.Pass, c *buildcontext.Context, n syntax.Node) {
	var globs []syntax.Word
	anyPresent := false
	for _, w := range buildcontext.Sources(n) {
		switch c.Source(w.Value) {
		case buildcontext.Present:
			anyPresent = true
			continue
		case buildcontext.Unknown:
			anyPresent = true // it may well be there
			continue
		}
		if strings.ContainsAny(w.Value, "*?[") {
			globs = append(globs, w)
			continue
		}
		d := analysis.Diagnostic{Range: w.Range}
		if c.Excluded(w.Value) {
			d.Message = fmt.Sprintf("%s source %q is excluded by %s, so building the stage fails with \"not found\"", n.Command(), w.Value, displayPath(c, c.Ignore.Path))
		} else {
			d.Message = fmt.Sprintf("%s source %q is not in the build context %s; building the stage fails with \"not found\"", n.Command(), w.Value, displayPath(c, c.Dir))
			if fix, ok := nearSourceFix(p, c, w); ok {
				d.Fixes = []analysis.Fix{fix}
			}
		}
		p.Report(d)
	}
	if anyPresent {
		return
	}
	for _, w := range globs {
		p.Report(analysis.Diagnostic{
			Severity: analysis.Warning,
			Range:    w.Range,
			Message:  fmt.Sprintf("%s source %q matches nothing in the build context, so the instruction copies nothing (BuildKit allows a glob to match nothing)", n.Command(), w.Value),
		})
	}
}

// nearSourceFix offers the context path one typo away from a missing source:
// the first missing path element is replaced by its nearest sibling, and the
// result must exist. Quoted and JSON-form sources are left alone.
func nearSourceFix(p *analysis.Pass, c *buildcontext.Context, w syntax.Word) (analysis.Fix, bool) {
	if p.File.Text[w.Range.Start:w.Range.End] != w.Value {
		return analysis.Fix{}, false
	}
	lead := w.Value[:len(w.Value)-len(strings.TrimLeft(w.Value, "./"))]
	if lead != "" && lead != "/" && lead != "./" {
		return analysis.Fix{}, false
	}
	trail := ""
	if strings.HasSuffix(w.Value, "/") {
		trail = "/"
	}
	segs := strings.Split(buildcontext.Clean(w.Value), "/")
	for i, seg := range segs {
		dir := strings.Join(segs[:i], "/")
		if _, ok := c.Lookup(strings.Join(segs[:i+1], "/")); ok {
			continue
		}
		var names []string
		for _, name := range c.Children(dir) {
			names = append(names, strings.TrimSuffix(name, "/"))
		}
		near := spelling.Suggest(seg, names)
		if near == "" {
			return analysis.Fix{}, false
		}
		segs[i] = near
		fixed := strings.Join(segs, "/")
		if c.Source(fixed) != buildcontext.Present {
			return analysis.Fix{}, false
		}
		return analysis.Fix{
			Title: fmt.Sprintf("Change to %s", lead+fixed+trail),
			Edits: []analysis.Edit{{Range: w.Range, NewText: lead + fixed + trail}},
		}, true
	}
	return analysis.Fix{}, false
}

// displayPath shows a path relative to the context's parent folder, short
// enough for a message, e.g. "app/.dockerignore".
func displayPath(c *buildcontext.Context, path string) string {
	if rel, err := filepath.Rel(filepath.Dir(c.Dir), path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return path
}
