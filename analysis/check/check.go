// Package check runs every analyzer (the project's rules and BuildKit's checks)
// over one snapshot with the user's configuration.
package check

import (
	"context"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildkit"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Config is the user's choice of severities and build target.
type Config struct {
	// Severity maps a rule name to its severity (Off disables). It applies to
	// the project's rules and to BuildKit's checks alike, BuildKitError
	// included; it wins over `# check=error=true`.
	Severity map[string]analysis.Severity
	Target   string // stage treated as final; empty means the last
	// DisableBuildKit skips BuildKit's checks (they run by default). BuildKit
	// always lints every stage, whatever Target says, so that an editor
	// shows problems in stages the current target does not reach.
	DisableBuildKit bool
	// BuildArgs are the --build-arg values the build uses, if known: a FROM
	// that needs one then gets no hint about it.
	BuildArgs map[string]string
	// Targeted is what the workspace builds with --target; see
	// analysis.Pass.Targeted.
	Targeted map[string][]string
	// BuildContext is the walk of the file's build context, if known; see
	// analysis.Pass.BuildContext.
	BuildContext *buildcontext.Context
	// Path is the file's path; see analysis.Pass.Path and WorkspacePath.
	Path string
}

// WorkspacePath is file's path relative to the first root that holds it,
// slash-separated, or its base name when no root does: the form
// analysis.Pass.Path wants (folders above the workspace say nothing of the
// image).
func WorkspacePath(roots []string, file string) string {
	for _, root := range roots {
		if rel, err := filepath.Rel(root, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.Base(file)
}

// Run analyses f and returns its diagnostics sorted by position. It returns
// early with what it has when ctx is cancelled. BuildKit's checks run last,
// bounded by ctx (and buildkit.DefaultTimeout); when they give no answer the
// project's rules are still returned, with a note that BuildKit's are missing.
func Run(ctx context.Context, f *syntax.File, cfg Config) []analysis.Diagnostic {
	m := model.Of(f)
	skip := skippedRules(f, cfg.BuildArgs)
	var out []analysis.Diagnostic
	for _, a := range rules.All {
		if ctx.Err() != nil {
			break
		}
		sev, configured := cfg.Severity[a.Name]
		if skip[strings.ToLower(a.Name)] || skip["all"] || configured && sev == analysis.Off {
			continue
		}
		p := analysis.NewPass(a, m, cfg.Target, func(d analysis.Diagnostic) {
			if configured {
				d.Severity = sev
			}
			if d.URL == "" {
				d.URL = analysis.DocURL(d.Rule)
			}
			out = append(out, d)
		})
		p.Targeted = cfg.Targeted
		p.BuildContext = cfg.BuildContext
		p.Path = cfg.Path
		p.Run()
	}
	if !cfg.DisableBuildKit && ctx.Err() == nil {
		out = append(out, buildkitDiagnostics(ctx, f, cfg, skip, out)...)
	}
	sortDiagnostics(out)
	return out
}

// buildkitDiagnostics runs BuildKit's checks and applies the configuration.
// BuildKit honours `# check=skip=...` itself (rule names as written); the
// case-insensitive skip list is applied again so that both engines read the
// directive the same way. What a project rule has already reported (a cycle,
// a stage index, a variable in --from, an excluded COPY source) is dropped.
func buildkitDiagnostics(ctx context.Context, f *syntax.File, cfg Config, skip map[string]bool, own []analysis.Diagnostic) []analysis.Diagnostic {
	opts := buildkit.Options{BuildArgs: cfg.BuildArgs}
	if bc := cfg.BuildContext; bc != nil && bc.Ignore.Err == nil {
		opts.IgnorePatterns = bc.Ignore.Patterns
	}
	ds, _ := buildkit.Lint(ctx, f, opts)
	var out []analysis.Diagnostic
	for _, d := range ds {
		if skip[strings.ToLower(d.Rule)] || skip["all"] && d.Rule != buildkit.RuleBuildKitError {
			continue
		}
		if buildkit.Covered(f, d, own) {
			continue
		}
		if d, keep := cfg.severityOf(d); keep {
			out = append(out, d)
		}
	}
	return out
}

// ApplySeverity gives diagnostics reported outside Run (those of Compose
// and Bake files) their configured severity, dropping the rules turned off.
func (cfg Config) ApplySeverity(ds []analysis.Diagnostic) []analysis.Diagnostic {
	out := ds[:0:0]
	for _, d := range ds {
		if d, keep := cfg.severityOf(d); keep {
			out = append(out, d)
		}
	}
	return out
}

// severityOf is d with its rule's configured severity; keep is false when
// the rule is off.
func (cfg Config) severityOf(d analysis.Diagnostic) (_ analysis.Diagnostic, keep bool) {
	if sev, configured := cfg.Severity[d.Rule]; configured {
		if sev == analysis.Off {
			return d, false
		}
		d.Severity = sev
	}
	return d, true
}

// skippedRules reads `# check=skip=A,B` (or skip=all), lower-cased, the same
// control BuildKit honours for its own checks. A valid
// BUILDKIT_DOCKERFILE_CHECK build argument replaces the directive, for the
// project's rules as for BuildKit's.
func skippedRules(f *syntax.File, buildArgs map[string]string) map[string]bool {
	options, given, err := buildkit.CheckOverride(buildArgs)
	if !given || err != nil {
		d, ok := f.Directive("check")
		if !ok {
			return nil
		}
		options = d.Value
	}
	skip := map[string]bool{}
	for _, part := range strings.Split(options, ";") {
		key, value, _ := strings.Cut(strings.TrimSpace(part), "=")
		if strings.TrimSpace(key) != "skip" {
			continue
		}
		for _, name := range strings.Split(value, ",") {
			skip[strings.ToLower(strings.TrimSpace(name))] = true
		}
	}
	return skip
}

func sortDiagnostics(ds []analysis.Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Range.Start != ds[j].Range.Start {
			return ds[i].Range.Start < ds[j].Range.Start
		}
		return ds[i].Rule < ds[j].Rule
	})
}
