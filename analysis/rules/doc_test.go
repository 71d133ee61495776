package rules_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildkit"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/dockerignore"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
)

// TestDocumented checks that RULES.md and the rules cannot drift: every rule
// a configuration may name, except BuildKit's own checks, has a section;
// every section is such a rule; each section starts with its default
// severity and a paragraph, which is the analyzer's Doc; and DocURL's anchor
// finds it.
func TestDocumented(t *testing.T) {
	md, err := os.ReadFile("RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]analysis.RuleDoc{}
	for _, d := range analysis.RuleDocs() {
		if _, twice := docs[d.Name]; twice {
			t.Errorf("%s: two sections in RULES.md", d.Name)
		}
		docs[d.Name] = d
		if d.Severity == analysis.Off {
			t.Errorf("%s: the section does not start with an italic line naming its default severity", d.Name)
		}
		if len(d.Doc) < 40 || strings.Contains(d.Doc, "\n") {
			t.Errorf("%s: first paragraph %q is not a description", d.Name, d.Doc)
		}
	}
	if n := strings.Count(string(md), "\n### "); n != len(docs) {
		t.Errorf("RULES.md has %d sections, the parser found %d", n, len(docs))
	}

	// The default severity of the rules reported outside an analyzer, as
	// their packages report them (analysis/dockerignore's tests also hold
	// its diagnostics to RULES.md).
	others := map[string]analysis.Severity{
		targets.RuleInvalidFile:             analysis.Error,
		targets.RuleUnknownTarget:           analysis.Error,
		targets.RuleMissingContext:          analysis.Warning,
		targets.RuleMissingDockerfile:       analysis.Warning,
		buildkit.RuleBuildKitError:          analysis.Error,
		buildkit.RuleBuildKitIncomplete:     analysis.Information,
		dockerignore.RuleInvalidPattern:     analysis.Error,
		dockerignore.RuleExcludesEverything: analysis.Warning,
		dockerignore.RuleExcludesDockerfile: analysis.Information,
	}
	project := map[string]analysis.Severity{}
	for _, a := range rules.All {
		project[a.Name] = a.Severity
		if a.Severity == analysis.Off || a.Run == nil {
			t.Errorf("%s: missing severity or run", a.Name)
		}
		if d, ok := docs[a.Name]; ok && a.Doc() != d.Doc {
			t.Errorf("%s: Doc %q, RULES.md %q", a.Name, a.Doc(), d.Doc)
		}
		if !strings.HasSuffix(analysis.DocURL(a.Name), "#"+strings.ToLower(a.Name)) {
			t.Errorf("%s: DocURL %s", a.Name, analysis.DocURL(a.Name))
		}
	}
	for name, sev := range others {
		project[name] = sev
	}
	// Every rule a configuration may name is the project's or BuildKit's.
	for _, name := range check.RuleNames() {
		if _, own := project[name]; !own {
			if r, ok := buildkit.RuleByName(name); !ok || r.Description == "" {
				t.Errorf("%s: a configurable rule that is neither BuildKit's check nor listed here", name)
			}
		}
	}
	for name, sev := range project {
		if !slices.Contains(check.RuleNames(), name) {
			t.Errorf("%s: a rule a configuration cannot name", name)
		}
		d, ok := docs[name]
		if !ok {
			t.Errorf("%s: no section in RULES.md", name)
			continue
		}
		if d.Severity != sev {
			t.Errorf("%s: RULES.md says %v by default, the rule reports %v", name, d.Severity, sev)
		}
	}
	for name := range docs {
		if _, ok := project[name]; !ok {
			t.Errorf("%s: a section of RULES.md that names no rule", name)
		}
	}
}
