// Package dockerignore reads a .dockerignore as a document: which of its
// patterns BuildKit's matcher rejects, which exclude the Dockerfile or the
// whole context, what a pattern excludes from the build context, and which
// context paths may be written. Patterns are normalised by
// github.com/moby/patternmatcher/ignorefile and matched by patternmatcher,
// as the Docker client and BuildKit do; the context is a buildcontext walk.
// Nothing here knows LSP.
package dockerignore

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Pattern is one pattern line.
type Pattern struct {
	Range     syntax.Range // the pattern as written, "!" included, blanks around left out
	Pattern   string       // as ignorefile normalises it, without the "!"
	Exception bool         // "!": re-includes what earlier patterns excluded
}

// Parse returns the pattern lines of text; comments and blank lines are
// left out.
func Parse(text string) []Pattern {
	var out []Pattern
	start := 0
	if strings.HasPrefix(text, "\uFEFF") {
		start = len("\uFEFF")
	}
	for start <= len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if p, ok := parseLine(text, start, end); ok {
			out = append(out, p)
		}
		start = end + 1
	}
	return out
}

func parseLine(text string, start, end int) (Pattern, bool) {
	line := text[start:end]
	if strings.HasPrefix(line, "#") {
		return Pattern{}, false
	}
	norm, err := ignorefile.ReadAll(strings.NewReader(line))
	if err != nil || len(norm) != 1 {
		return Pattern{}, false
	}
	lead := len(line) - len(strings.TrimLeft(line, " \t\r\f\v"))
	trimmed := strings.TrimSpace(line)
	p := Pattern{Range: syntax.Range{Start: start + lead, End: start + lead + len(trimmed)}, Pattern: norm[0]}
	if strings.HasPrefix(p.Pattern, "!") {
		p.Exception, p.Pattern = true, p.Pattern[1:]
	}
	return p, true
}

// matcher compiles one pattern alone; an exception is compiled as the plain
// pattern, to find what it re-includes.
func (p Pattern) matcher() (*patternmatcher.PatternMatcher, error) {
	return patternmatcher.New([]string{p.Pattern})
}

// The rules Diagnose reports, documented in RULES.md.
const (
	RuleInvalidPattern     = "InvalidIgnorePattern"
	RuleExcludesEverything = "IgnoreExcludesEverything"
	RuleExcludesDockerfile = "IgnoreExcludesDockerfile"
)

// Diagnose reports, for the .dockerignore text of the build context c (nil
// when unknown) and the Dockerfile at dockerfile (absolute; "" when
// unknown): patterns the matcher rejects, a pattern that excludes every path
// with no later exception, and the last pattern that excludes the
// Dockerfile itself (as information: excluding it keeps `COPY . .` from
// copying it, which some do on purpose).
func Diagnose(text string, c *buildcontext.Context, dockerfile string) []analysis.Diagnostic {
	var out []analysis.Diagnostic
	pats := Parse(text)
	var valid []string
	dfRel := ""
	if c != nil && dockerfile != "" {
		if rel, err := filepath.Rel(c.Dir, dockerfile); err == nil && !strings.HasPrefix(rel, "..") {
			dfRel = filepath.ToSlash(rel)
		}
	}
	lastDockerfile := -1
	for i, p := range pats {
		pm, err := p.matcher()
		if err == nil && p.Pattern == "" {
			err = fmt.Errorf("nothing follows \"!\"")
		}
		if err != nil {
			out = append(out, analysis.Diagnostic{
				Range:    p.Range,
				Severity: analysis.Error,
				Rule:     RuleInvalidPattern,
				Message:  fmt.Sprintf("BuildKit rejects the pattern %q (%v), and with it the whole .dockerignore: the build fails", text[p.Range.Start:p.Range.End], err),
			})
			continue
		}
		if !p.Exception {
			if excludesAll(pm) && !exceptionAfter(pats[i+1:]) {
				out = append(out, analysis.Diagnostic{
					Range:    p.Range,
					Severity: analysis.Warning,
					Rule:     RuleExcludesEverything,
					Message:  fmt.Sprintf("%q excludes every path of the build context and no later \"!\" pattern re-includes any: COPY and ADD find nothing", text[p.Range.Start:p.Range.End]),
				})
				continue
			}
			if dfRel != "" {
				if ok, err := pm.MatchesOrParentMatches(dfRel); err == nil && ok {
					lastDockerfile = i
				}
			}
		}
		valid = append(valid, text[p.Range.Start:p.Range.End])
	}
	if lastDockerfile >= 0 && len(out) == 0 {
		if all, err := patternmatcher.New(valid); err == nil {
			if ok, err := all.MatchesOrParentMatches(dfRel); err == nil && ok {
				p := pats[lastDockerfile]
				out = append(out, analysis.Diagnostic{
					Range:    p.Range,
					Severity: analysis.Information,
					Rule:     RuleExcludesDockerfile,
					Message:  fmt.Sprintf("%q excludes the Dockerfile %s from the build context: the build still reads it, but no COPY or ADD can copy it", text[p.Range.Start:p.Range.End], dfRel),
				})
			}
		}
	}
	for i := range out {
		out[i].URL = analysis.DocURL(out[i].Rule)
	}
	return out
}

// excludesAll reports whether a pattern matches any top-level name, hidden
// ones included.
func excludesAll(pm *patternmatcher.PatternMatcher) bool {
	for _, name := range []string{"a", "b.txt", ".hidden", "Dockerfile"} {
		if ok, err := pm.MatchesOrParentMatches(name); err != nil || !ok {
			return false
		}
	}
	return true
}

func exceptionAfter(pats []Pattern) bool {
	for _, p := range pats {
		if p.Exception {
			return true
		}
	}
	return false
}
