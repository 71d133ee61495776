package check

import (
	"fmt"
	"sort"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildkit"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/dockerignore"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/spelling"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
)

// RuleNames are the names of every rule a configuration may name: the
// project's rules, BuildKit's checks (and its notes about its own run), the
// Compose/Bake target checks and the .dockerignore checks.
func RuleNames() []string {
	var out []string
	for _, a := range rules.All {
		out = append(out, a.Name)
	}
	for _, r := range buildkit.Rules {
		out = append(out, r.Name)
	}
	out = append(out, targets.RuleInvalidFile, targets.RuleUnknownTarget, targets.RuleMissingContext, targets.RuleMissingDockerfile,
		dockerignore.RuleInvalidPattern, dockerignore.RuleExcludesEverything, dockerignore.RuleExcludesDockerfile)
	sort.Strings(out)
	return out
}

// UnknownRules explains each name of the configured severities that names
// no rule (a typo silently does nothing otherwise), sorted, with the closest
// rule name when one is near.
func (cfg Config) UnknownRules() []string {
	known := map[string]bool{}
	names := RuleNames()
	for _, n := range names {
		known[n] = true
	}
	var out []string
	for name := range cfg.Severity {
		if known[name] {
			continue
		}
		msg := fmt.Sprintf("unknown rule %q", name)
		if near := spelling.Suggest(name, names); near != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", near)
		}
		out = append(out, msg)
	}
	sort.Strings(out)
	return out
}

// UnknownTarget explains a Target that names no stage of m ("" when it is
// empty or names one).
func (cfg Config) UnknownTarget(m *model.Model) string {
	if cfg.Target == "" || m.StageByName(cfg.Target) != nil {
		return ""
	}
	var names []string
	for _, s := range m.Stages {
		if s.Name != "" {
			names = append(names, s.Name)
		}
	}
	msg := fmt.Sprintf("target %q names no stage", cfg.Target)
	if near := spelling.Suggest(cfg.Target, names); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return msg
}
