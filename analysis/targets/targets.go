// Package targets knows where the stages of a Dockerfile are built as
// targets: `build.target` in Compose files, the `target` attribute of Bake
// targets, `target:` of docker/build-push-action in GitHub workflows and
// `docker build --target` (or `docker buildx build`) in Makefiles, scripts and
// workflows. It parses those files with their positions (byte offsets, like
// the rest of the engine), resolves the build context and Dockerfile each
// build uses, offers completion, diagnostics, definition and hover for the
// target values of Compose and Bake files, and keeps a bounded index of a
// workspace for the UnusedStage rule. Nothing here knows about LSP.
package targets

import (
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

// WatchGlobs are the files KindOf recognises, as glob patterns for an
// editor's file watcher; keep the two together.
var WatchGlobs = []string{
	"**/{compose,docker-compose}.{yaml,yml}", "**/{compose,docker-compose}.*.{yaml,yml}",
	"**/docker-bake*.{hcl,json}", "**/*.override.hcl", "**/.github/workflows/*.{yml,yaml}",
	"**/{Makefile,makefile,GNUmakefile,*.mk}", "**/*.{sh,bash}", "**/{justfile,.justfile,Jenkinsfile,.gitlab-ci.yml}",
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
	inline         string // the inline Dockerfile, own or inherited
	home           string // the folder of the file that describes the build
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

// lines is the line index of the text, built on first use.
func (d *Doc) lines() *syntax.LineIndex {
	if d.lineIndex == nil {
		d.lineIndex = syntax.NewLineIndex(d.Text)
	}
	return d.lineIndex
}

// Rule names of the diagnostics this package reports.
const (
	RuleInvalidFile       = "InvalidBuildFile"
	RuleUnknownTarget     = "UnknownTarget"
	RuleMissingContext    = "MissingBuildContext"
	RuleMissingDockerfile = "MissingDockerfile"
)

// Parse reads a Compose or Bake file by the kind its name says. Malformed
// input gives a Doc with Problems and whatever could be read, never a panic.
func Parse(p, text string) *Doc {
	d := &Doc{Path: p, Kind: KindOf(p), Text: text}
	switch d.Kind {
	case Compose:
		parseCompose(d)
	case Bake:
		parseBake(d)
	}
	return d
}

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

// hasInterpolation reports whether a value would be expanded by Compose or
// Bake (${VAR}, $VAR) or by GitHub Actions (${{ }}).
func hasInterpolation(s string) bool {
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

// isRemote reports whether a build context is a URL or a Git repository
// rather than a local folder.
func isRemote(ctx string) bool {
	for _, prefix := range []string{"http://", "https://", "git://", "git@", "ssh://", "github.com/", "docker-image://", "oci-layout://", "target:"} {
		if strings.HasPrefix(ctx, prefix) {
			return true
		}
	}
	return false
}
