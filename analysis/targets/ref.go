package targets

import (
	"fmt"
	"path/filepath"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Ref is one place that builds a stage of a Dockerfile as a target.
type Ref struct {
	Stage string // the target, lower-cased as BuildKit matches it
	// Candidates are the Dockerfiles the build may use, most likely first:
	// a Makefile's or a script's relative paths are tried from its own folder
	// and from the workspace root. The first that exists is the one; when
	// none does (or the list is empty, because the path has variables), the
	// Ref may target any Dockerfile with a stage of that name.
	Candidates []string
	// Exact refs know their Dockerfile (Compose, Bake, build-push-action):
	// when it does not exist, they target nothing rather than anything.
	Exact bool
	File  string       // the file that names the target, absolute
	Kind  Kind         // what kind of file that is
	Line  int          // 0-based line of the target value
	Range syntax.Range // the target value in File
	Via   string       // `service "api"`, `Bake target "app"`, `docker/build-push-action`, `docker build`
	Rel   string       // File relative to the workspace root, set by the index
	// Context is the absolute build context folder of a Compose or Bake
	// build whose Dockerfile is known (Exact); empty otherwise. Such builds
	// are recorded even without a target, with an empty Stage, so that the
	// context a Dockerfile is built with can be found (Index.ContextOf).
	Context string
}

// Where says where the stage is targeted, e.g. `compose.yaml:12 (service
// "api")`.
func (r Ref) Where() string {
	name := r.Rel
	if name == "" {
		name = filepath.Base(r.File)
	}
	return fmt.Sprintf("%s:%d (%s)", name, r.Line+1, r.Via)
}

// Targets reports whether the ref builds a stage of the Dockerfile at p;
// isFile tells which of its candidates exist (wsfile.Source.IsFile, so that
// an open, unsaved Dockerfile counts).
func (r Ref) Targets(p string, isFile func(string) bool) bool {
	if r.Exact && len(r.Candidates) > 0 {
		return r.Candidates[0] == p
	}
	for _, c := range r.Candidates {
		if c == p {
			return true
		}
		if isFile(c) {
			return false
		}
	}
	return true
}
