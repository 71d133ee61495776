package targets

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

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

// Targets reports whether the ref builds a stage of the Dockerfile at p.
func (r Ref) Targets(p string) bool {
	if r.Exact && len(r.Candidates) > 0 {
		return r.Candidates[0] == p
	}
	for _, c := range r.Candidates {
		if c == p {
			return true
		}
		if exists(c) {
			return false
		}
	}
	return true
}

func exists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// Refs finds every target that the file at p names. root is the workspace
// folder the file belongs to (where CI runs, where scripts are usually run
// from); r reads the Dockerfiles and sibling Bake files.
func Refs(p, text, root string, r *Resolver) []Ref {
	kind := KindOf(p)
	var out []Ref
	switch kind {
	case Compose, Bake:
		d := Parse(p, text)
		r.Resolve(d)
		for _, b := range d.Builds {
			if b.Remote || b.inline != "" {
				continue
			}
			if !b.Target.Set || !b.Target.Literal || b.Target.Text == "" {
				if b.DockerfilePath != "" && b.ContextDir != "" {
					out = append(out, Ref{Candidates: []string{b.DockerfilePath}, Exact: true, File: p, Kind: kind,
						Range: b.NameRange, Via: describeBuild(b), Context: b.ContextDir})
				}
				continue
			}
			ref := Ref{Stage: strings.ToLower(b.Target.Text), File: p, Kind: kind, Range: b.Target.Range, Via: describeBuild(b)}
			if b.DockerfilePath != "" {
				ref.Candidates, ref.Exact, ref.Context = []string{b.DockerfilePath}, true, b.ContextDir
			}
			out = append(out, ref)
		}
	case Workflow:
		out = append(out, workflowRefs(p, text, root)...)
		out = append(out, commandRefs(p, text, kind, []string{root})...)
	case Makefile, Script:
		out = append(out, commandRefs(p, text, kind, []string{filepath.Dir(p), root})...)
	}
	var lines *syntax.LineIndex
	for i := range out {
		if lines == nil {
			lines = syntax.NewLineIndex(text)
		}
		out[i].Line, _ = lines.Position(out[i].Range.Start)
	}
	return out
}

// commandRefs reads the docker build commands of a text. Paths are relative
// to the folder the command runs in, tried in the order of bases.
func commandRefs(p, text string, kind Kind, bases []string) []Ref {
	var out []Ref
	for _, c := range ScanCommands(text) {
		if c.Target == "" || !c.TargetLiteral {
			continue
		}
		if c.ContextSet && isRemote(c.Context) && c.File == "" {
			continue // builds a Dockerfile that is not in the workspace
		}
		via := "docker build"
		ref := Ref{Stage: strings.ToLower(c.Target), File: p, Kind: kind, Range: c.TargetRange, Via: via}
		rel := ""
		switch {
		case c.File == "-" || c.Context == "-":
		case c.File != "":
			if c.FileLiteral {
				rel = c.File
			}
		case !c.ContextSet || !hasInterpolation(c.Context):
			ctx := c.Context
			if ctx == "" {
				ctx = "."
			}
			rel = filepath.Join(ctx, "Dockerfile")
		}
		if rel != "" {
			seen := map[string]bool{}
			for _, base := range bases {
				if base == "" {
					continue
				}
				if cand := join(base, rel); !seen[cand] {
					seen[cand] = true
					ref.Candidates = append(ref.Candidates, cand)
				}
			}
		}
		out = append(out, ref)
	}
	return out
}

// workflowRefs reads the steps of a GitHub workflow that use
// docker/build-push-action with a target. Its context defaults to the
// repository, and its file to {context}/Dockerfile; both are relative to the
// repository root.
func workflowRefs(p, text, root string) []Ref {
	d := &Doc{Path: p, Text: text}
	top, ok := parseYAML(d, "workflow")
	if !ok || top == nil || top.Kind != yaml.MappingNode {
		return nil
	}
	repo := root
	if i := strings.LastIndex(filepath.ToSlash(p), "/.github/workflows/"); i >= 0 {
		repo = filepath.FromSlash(filepath.ToSlash(p)[:i])
	}
	var out []Ref
	for _, job := range pairs(mapGet(top, "jobs")) {
		steps := mapGet(deref(job[1]), "steps")
		if steps == nil || steps.Kind != yaml.SequenceNode {
			continue
		}
		for _, step := range steps.Content {
			step = deref(step)
			uses := mapGet(step, "uses")
			if uses == nil || uses.Kind != yaml.ScalarNode || !strings.HasPrefix(uses.Value, "docker/build-push-action") {
				continue
			}
			with := mapGet(step, "with")
			tk, tv := mapGetPair(with, "target")
			if tv == nil || tv.Kind != yaml.ScalarNode {
				continue
			}
			target := scalarValue(d, tk, tv)
			if !target.Literal || target.Text == "" {
				continue
			}
			ref := Ref{Stage: strings.ToLower(target.Text), File: p, Kind: Workflow, Range: target.Range, Via: "docker/build-push-action"}
			ctx, file := ".", ""
			known := true
			if v := mapGet(with, "context"); v != nil && v.Kind == yaml.ScalarNode && v.Value != "" {
				ctx = v.Value
				known = known && !hasInterpolation(ctx) && !isRemote(ctx)
			}
			if v := mapGet(with, "file"); v != nil && v.Kind == yaml.ScalarNode && v.Value != "" {
				file = v.Value
				known = !hasInterpolation(file)
			} else {
				file = filepath.Join(ctx, "Dockerfile")
			}
			if known {
				ref.Candidates, ref.Exact = []string{join(repo, file)}, true
			}
			out = append(out, ref)
		}
	}
	return out
}
