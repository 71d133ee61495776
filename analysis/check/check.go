// Package check runs every analyzer (the project's rules and BuildKit's checks)
// over one snapshot with the user's configuration.
package check

import (
	"context"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Config is the user's choice of severities and build target.
type Config struct {
	Severity map[string]analysis.Severity // rule name -> severity (Off disables)
	Target   string                       // stage treated as final; empty means the last
}

// Run analyses f and returns its diagnostics sorted by position. It returns
// early with what it has when ctx is cancelled.
func Run(ctx context.Context, f *syntax.File, cfg Config) []analysis.Diagnostic {
	return nil
}
