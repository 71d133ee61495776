package completion

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
)

// TestRuleNamesAgree: the rule registry, the names `# check=skip=` offers
// and RULES.md list the same project rules. A rule kept in a second list
// that drifts (UnusedStage missing from the skip completion) fails here.
func TestRuleNamesAgree(t *testing.T) {
	data, err := os.ReadFile("../analysis/rules/RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	md := string(data)
	// The Dockerfile rules are the sections before the Compose and Bake ones.
	if i := strings.Index(md, "\n## Compose and Bake rules"); i >= 0 {
		md = md[:i]
	}
	var documented []string
	for _, m := range regexp.MustCompile(`(?m)^### (\w+)$`).FindAllStringSubmatch(md, -1) {
		documented = append(documented, m[1])
	}
	var registered []string
	for _, a := range rules.All {
		registered = append(registered, a.Name)
		if !slices.Contains(CheckRules(), a.Name) {
			t.Errorf("%s: registered but not offered after # check=skip=", a.Name)
		}
		if !slices.Contains(documented, a.Name) {
			t.Errorf("%s: registered but not documented in RULES.md", a.Name)
		}
	}
	for _, name := range documented {
		if !slices.Contains(registered, name) {
			t.Errorf("%s: documented in RULES.md but not registered", name)
		}
	}
	seen := map[string]bool{}
	for _, name := range CheckRules() {
		if seen[name] {
			t.Errorf("%s: offered twice after # check=skip=", name)
		}
		seen[name] = true
	}
	res, _ := at(t, "# check=skip=Un<|>\nFROM alpine\n")
	if !strings.Contains(" "+labels(res.Items)+" ", " UnusedStage ") {
		t.Errorf("# check=skip=Un offers %q, without UnusedStage", labels(res.Items))
	}
}
