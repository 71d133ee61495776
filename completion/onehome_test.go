package completion

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildkit"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
)

// TestRuleNamesAgree: the names `# check=skip=` offers include every
// registered rule, once. A rule kept in a second list that drifts
// (UnusedStage missing from the skip completion) fails here; that RULES.md
// documents the same rules is analysis/rules' TestDocumented.
func TestRuleNamesAgree(t *testing.T) {
	for _, a := range rules.All {
		if !slices.Contains(CheckRules(), a.Name) {
			t.Errorf("%s: registered but not offered after # check=skip=", a.Name)
		}
	}
	for _, r := range buildkit.Rules {
		if offered := slices.Contains(CheckRules(), r.Name); offered != (r.Description != "") {
			t.Errorf("%s: offered after # check=skip= %v; only BuildKit's checks are, not the notes about its run", r.Name, offered)
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
	// Each project rule offered is described by its doc, RULES.md's first
	// paragraph, rendered as plain text for clients without Markdown.
	for _, it := range res.Items {
		md, plain := Documentation(it.Key, true), Documentation(it.Key, false)
		if it.Label == "UnusedStage" && (md != rules.UnusedStage.Doc() || md == "" || strings.Contains(plain, "`")) {
			t.Errorf("UnusedStage's documentation: %q, plain %q; want its Doc %q", md, plain, rules.UnusedStage.Doc())
		}
	}
}
