package rules_test

import (
	"os"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
)

// TestDocumented checks that every rule has a doc string, a default
// severity and a section in RULES.md that DocURL's anchor finds.
func TestDocumented(t *testing.T) {
	data, err := os.ReadFile("RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	md := string(data)
	for _, a := range rules.All {
		if a.Doc == "" || a.Severity == 0 || a.Run == nil {
			t.Errorf("%s: missing doc, severity or run", a.Name)
		}
		if !strings.Contains(md, "\n### "+a.Name+"\n") {
			t.Errorf("%s: no section in RULES.md", a.Name)
		}
		if !strings.HasSuffix(analysis.DocURL(a.Name), "#"+strings.ToLower(a.Name)) {
			t.Errorf("%s: DocURL %s", a.Name, analysis.DocURL(a.Name))
		}
	}
}

// The Compose and Bake diagnostics link to RULES.md too.
func TestBuildFileRulesDocumented(t *testing.T) {
	data, err := os.ReadFile("RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{targets.RuleInvalidFile, targets.RuleUnknownTarget, targets.RuleMissingContext, targets.RuleMissingDockerfile} {
		if !strings.Contains(string(data), "\n### "+name+"\n") {
			t.Errorf("%s: no section in RULES.md", name)
		}
	}
}
