package rules_test

import (
	"os"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
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
		if !strings.HasSuffix(rules.DocURL(a.Name), "#"+strings.ToLower(a.Name)) {
			t.Errorf("%s: DocURL %s", a.Name, rules.DocURL(a.Name))
		}
	}
}
