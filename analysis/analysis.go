// Package analysis holds the vocabulary shared by every check: analyzers,
// diagnostics, severities and fixes. Like golang.org/x/tools/go/analysis, an
// analyzer is a value with a name, a doc and a Run function; fixes are data.
// Nothing here knows about LSP.
package analysis

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Severity orders from most to least severe; Off disables a rule.
type Severity int

const (
	Off Severity = iota
	Error
	Warning
	Information
	Hint
)

var severityNames = [...]string{"off", "error", "warning", "information", "hint"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return "unknown"
	}
	return severityNames[s]
}

// ParseSeverity accepts the names String returns, plus "info".
func ParseSeverity(name string) (Severity, bool) {
	if name == "info" {
		return Information, true
	}
	for i, n := range severityNames {
		if n == name {
			return Severity(i), true
		}
	}
	return Off, false
}

// AtLeast reports whether s is as severe as min or more (Off never is).
func (s Severity) AtLeast(min Severity) bool { return s != Off && s <= min }

// Edit replaces Range of a file's text with NewText. Path is empty for the
// analysed file; otherwise it is the absolute path of another file (a
// .dockerignore), and Range holds byte offsets into that file's text. A
// consumer that cannot edit other files must drop a fix with such an edit
// rather than apply it to the analysed file.
type Edit struct {
	Path    string
	Range   syntax.Range
	NewText string
}

// Fix is a mechanical change that resolves a diagnostic.
type Fix struct {
	Title     string
	Edits     []Edit
	Preferred bool
	// CreateFiles are absolute paths of files that do not exist yet and that
	// the edits write into (starting from empty text): an LSP client gets a
	// CreateFile operation before the text edits.
	CreateFiles []string
}

// Related points at another place that explains a diagnostic.
type Related struct {
	Range   syntax.Range
	Message string
}

// Diagnostic is one finding, with byte ranges into the analysed text.
type Diagnostic struct {
	Rule        string
	Source      string // "dockerfile-lsp" or "buildkit"
	Severity    Severity
	Range       syntax.Range
	Message     string
	URL         string // documentation of the rule
	Unnecessary bool   // unused or dead code: editors fade it
	Related     []Related
	Fixes       []Fix
}

// Analyzer is one rule. Its documentation is its entry in RULES.md (Doc).
type Analyzer struct {
	Name     string
	Severity Severity
	Run      func(*Pass)
}

// Doc is one paragraph: what the analyzer finds and why it matters, the
// first of its entry in RULES.md.
func (a *Analyzer) Doc() string { return DocOf(a.Name) }

// Pass is what an analyzer sees: one immutable snapshot of one file.
type Pass struct {
	Analyzer *Analyzer
	File     *syntax.File
	Model    *model.Model
	Target   string // the stage the user builds; empty means the last
	// Targeted names the stages that something else in the workspace builds
	// with --target (a Compose or Bake file, a CI workflow, a Makefile or a
	// script): lower-cased stage name → where, e.g. "compose.yaml:7 (service
	// api)". Nil means the workspace is unknown; an empty map means it was
	// searched and nothing targets a stage.
	Targeted map[string][]string
	// BuildContext is what the build context of the file holds; nil when it
	// is unknown (no folder on disk). Rules that claim a path is absent also
	// need BuildContext.Complete.
	BuildContext *buildcontext.Context
	// Path is the file's path, slash-separated and relative to its
	// workspace root when one is known (`test/e2e/Dockerfile`), else its
	// name; empty when unknown. It tells what the image is for
	// (facts.Intent): a `Dockerfile.tilt` or a `.github/actions/x/Dockerfile`
	// is no application image.
	Path   string
	report func(Diagnostic)
}

// NewPass prepares a run of a over a snapshot; report receives every finding.
func NewPass(a *Analyzer, m *model.Model, target string, report func(Diagnostic)) *Pass {
	return &Pass{Analyzer: a, File: m.File, Model: m, Target: target, report: report}
}

// Run runs the analyzer over the pass.
func (p *Pass) Run() { p.Analyzer.Run(p) }

// Final is the stage the build produces.
func (p *Pass) Final() *model.Stage { return p.Model.Final(p.Target) }

// Report records a finding; Rule and Severity default to the analyzer's.
func (p *Pass) Report(d Diagnostic) {
	if d.Rule == "" {
		d.Rule = p.Analyzer.Name
	}
	if d.Severity == Off {
		d.Severity = p.Analyzer.Severity
	}
	if d.Source == "" {
		d.Source = "dockerfile-lsp"
	}
	p.report(d)
}

// DocURL links to a rule's entry in analysis/rules/RULES.md, where every
// rule of the project is documented, whichever package reports it.
func DocURL(rule string) string {
	return "https://github.com/dockerfile-lsp/dockerfile-lsp/blob/main/analysis/rules/RULES.md#" + strings.ToLower(rule)
}
