// Package targets is the shared model of build targets: the kinds of files
// that name them (KindOf), the builds a Compose or Bake file describes (Doc,
// Build, Value), the places that build a stage as a target (Ref), the stages
// of a Dockerfile as the targets command lists them (Stage) and the command
// line that builds one. The jobs live in the packages below it: compose and
// bake parse files into a Doc (yamlnode reads YAML with byte positions),
// buildcmd finds `docker build --target` in scripts, builds resolves the
// Dockerfile each build uses, index keeps the targets of a workspace for the
// UnusedStage rule, and features answers completion, diagnostics,
// definition and hover in Compose and Bake files. Nothing here knows LSP.
package targets

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/filekind"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Kind is the kind of a file that may name build targets.
type Kind int

const (
	None     Kind = iota
	Compose       // compose.yaml, docker-compose.yml, compose.override.yaml, ...
	Bake          // docker-bake.hcl, docker-bake.json, *.override.hcl
	Workflow      // .github/workflows/*.yml
	Makefile      // Makefile, GNUmakefile, *.mk
	Script        // *.sh, *.bash, justfile, .gitlab-ci.yml, Jenkinsfile
)

var kindNames = [...]string{"none", "compose", "bake", "workflow", "makefile", "script"}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// KindOf tells, by its name and folder alone, what kind of file p is. Compose
// and Bake files are the ones the editor features apply to; every kind is
// indexed for the workspace.
func KindOf(p string) Kind {
	p = filepath.ToSlash(p)
	base := strings.ToLower(path.Base(p))
	dir := path.Dir(p)
	ext := path.Ext(base)
	switch filekind.ByName(base) {
	case filekind.Compose:
		return Compose
	case filekind.Bake:
		return Bake
	}
	switch {
	case (ext == ".yml" || ext == ".yaml") && (strings.HasSuffix(dir, ".github/workflows") || dir == ".github/workflows"):
		return Workflow
	case base == "makefile" || base == "gnumakefile" || ext == ".mk":
		return Makefile
	case ext == ".sh" || ext == ".bash" || base == "justfile" || base == ".justfile" ||
		base == ".gitlab-ci.yml" || base == "jenkinsfile" || strings.HasPrefix(base, "jenkinsfile."):
		return Script
	}
	return None
}

// ownGlobs are the names KindOf recognises beyond filekind's, as glob
// patterns for an editor's file watcher; keep them beside KindOf
// (TestWatchGlobs checks that the two agree).
var ownGlobs = [...][]string{
	Workflow: {"**/.github/workflows/*.{yml,yaml}"},
	Makefile: {"**/{Makefile,makefile,GNUmakefile,*.mk}"},
	Script:   {"**/*.{sh,bash}", "**/{justfile,.justfile,Jenkinsfile,Jenkinsfile.*,.gitlab-ci.yml}"},
}

// WatchGlobs are the files KindOf recognises, as glob patterns for an
// editor's file watcher: filekind's Compose and Bake names and the others.
func WatchGlobs() []string {
	out := append(filekind.Globs(filekind.Compose), filekind.Globs(filekind.Bake)...)
	for _, globs := range ownGlobs {
		out = append(out, globs...)
	}
	return out
}

// IsEditorKind reports whether the editor features (completion, definition,
// hover and diagnostics of target values) apply to files of kind k.
func (k Kind) IsEditorKind() bool { return k == Compose || k == Bake }

// Value is a scalar as written in a Compose or Bake file.
type Value struct {
	Set     bool         // the key or attribute is present
	Text    string       // its value, unquoted; empty for null
	Literal bool         // no interpolation (${VAR}, $VAR): Text is what the build uses
	Range   syntax.Range // the value without its quotes; empty at the value's place when nothing is written
	Line    int          // 0-based line of the key
}

// Build is one build that a Compose service or a Bake target describes.
type Build struct {
	Kind      Kind
	Name      string // the service or Bake target
	NameRange syntax.Range

	Context    Value
	Dockerfile Value
	Inline     Value // dockerfile_inline (Compose), dockerfile-inline (Bake)
	Target     Value
	Inherits   []string // Bake

	// Resolved by Resolve: absolute paths, empty when unknown (a remote
	// context, an interpolated value).
	ContextDir     string
	DockerfilePath string
	Remote         bool   // the context is a URL or a Git repository
	InlineText     string // the inline Dockerfile, own or inherited
	Home           string // the folder of the file that describes the build
}

// Describe names the build as a message says it: `service "api"` or `Bake
// target "app"`.
func (b *Build) Describe() string {
	if b.Kind == Bake {
		return fmt.Sprintf("Bake target %q", b.Name)
	}
	return fmt.Sprintf("service %q", b.Name)
}

// Doc is a parsed Compose or Bake file.
type Doc struct {
	Path     string // absolute, clean
	Kind     Kind
	Text     string
	Builds   []*Build
	Problems []analysis.Diagnostic // the file cannot be read as what its name says

	lineIndex *syntax.LineIndex
}

// Lines is the line index of the text, built on first use.
func (d *Doc) Lines() *syntax.LineIndex {
	if d.lineIndex == nil {
		d.lineIndex = syntax.NewLineIndex(d.Text)
	}
	return d.lineIndex
}

// LineRange is the content of a 0-based line without its leading blanks.
func (d *Doc) LineRange(line int) syntax.Range {
	lines := d.Lines()
	start, end := lines.LineStart(line), lines.LineEnd(line)
	for start < end && (d.Text[start] == ' ' || d.Text[start] == '\t') {
		start++
	}
	return syntax.Range{Start: start, End: end}
}

// Problem records that the file cannot be read as what its name says, an
// InvalidBuildFile error at r.
func (d *Doc) Problem(r syntax.Range, format string, args ...any) {
	d.Problems = append(d.Problems, NewDiagnostic(RuleInvalidFile, analysis.Error, r, format, args...))
}

// NewDiagnostic is a finding of one of the rules of this package.
func NewDiagnostic(rule string, sev analysis.Severity, r syntax.Range, format string, args ...any) analysis.Diagnostic {
	return analysis.Diagnostic{Rule: rule, Source: "dockerfile-lsp", Severity: sev, Range: r, Message: fmt.Sprintf(format, args...), URL: analysis.DocURL(rule)}
}

// MaxDockerfileSize bounds what is read as a Dockerfile, or as a file that
// names targets.
const MaxDockerfileSize = 4 << 20

// Rule names of the diagnostics this package reports.
const (
	RuleInvalidFile       = "InvalidBuildFile"
	RuleUnknownTarget     = "UnknownTarget"
	RuleMissingContext    = "MissingBuildContext"
	RuleMissingDockerfile = "MissingDockerfile"
)

// BuildAt returns the build whose target, dockerfile or context value holds
// off (or whose target key is on the line of off), and which of its values it
// is.
func (d *Doc) BuildAt(off int) (*Build, *Value) {
	for _, b := range d.Builds {
		for _, v := range []*Value{&b.Target, &b.Dockerfile, &b.Context} {
			if v.Set && v.Range.Contains(off) {
				return b, v
			}
		}
	}
	return nil, nil
}

// HasInterpolation reports whether a value would be expanded by Compose or
// Bake (${VAR}, $VAR) or by GitHub Actions (${{ }}).
func HasInterpolation(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '$' {
			continue
		}
		c := s[i+1]
		if c == '$' { // $$ is an escaped dollar
			i++
			continue
		}
		if c == '{' || c == '(' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

// IsRemote reports whether a build context is a URL or a Git repository
// rather than a local folder.
func IsRemote(ctx string) bool {
	for _, prefix := range []string{"http://", "https://", "git://", "git@", "ssh://", "github.com/", "docker-image://", "oci-layout://", "target:"} {
		if strings.HasPrefix(ctx, prefix) {
			return true
		}
	}
	return false
}

// JoinPath resolves p against dir unless it is absolute; ~ is not expanded.
func JoinPath(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, filepath.FromSlash(p))
}

// RelPath names p relative to dir when it lies inside it, else absolute.
func RelPath(dir, p string) string {
	if rel, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return p
}
