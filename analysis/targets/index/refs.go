package index

import (
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/buildcmd"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/yamlnode"
)

// Refs finds every target that the file at p names. root is the workspace
// folder the file belongs to (where CI runs, where scripts are usually run
// from); r reads the Dockerfiles and sibling Bake files.
func Refs(p, text, root string, r *builds.Resolver) []targets.Ref {
	kind := targets.KindOf(p)
	var out []targets.Ref
	switch kind {
	case targets.Compose, targets.Bake:
		d := builds.Parse(p, text)
		r.Resolve(d)
		for _, b := range d.Builds {
			if b.Remote || b.InlineText != "" {
				continue
			}
			if !b.Target.Set || !b.Target.Literal || b.Target.Text == "" {
				if b.DockerfilePath != "" && b.ContextDir != "" {
					out = append(out, targets.Ref{Candidates: []string{b.DockerfilePath}, Exact: true, File: p, Kind: kind,
						Range: b.NameRange, Via: b.Describe(), Context: b.ContextDir})
				}
				continue
			}
			ref := targets.Ref{Stage: strings.ToLower(b.Target.Text), File: p, Kind: kind, Range: b.Target.Range, Via: b.Describe()}
			if b.DockerfilePath != "" {
				ref.Candidates, ref.Exact, ref.Context = []string{b.DockerfilePath}, true, b.ContextDir
			}
			out = append(out, ref)
		}
	case targets.Workflow:
		out = append(out, workflowRefs(p, text, root)...)
		out = append(out, commandRefs(p, text, kind, []string{root})...)
	case targets.Makefile, targets.Script:
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
func commandRefs(p, text string, kind targets.Kind, bases []string) []targets.Ref {
	var out []targets.Ref
	for _, c := range buildcmd.Scan(text) {
		if c.Target == "" || !c.TargetLiteral {
			continue
		}
		if c.ContextSet && targets.IsRemote(c.Context) && c.File == "" {
			continue // builds a Dockerfile that is not in the workspace
		}
		via := "docker build"
		ref := targets.Ref{Stage: strings.ToLower(c.Target), File: p, Kind: kind, Range: c.TargetRange, Via: via}
		rel := ""
		switch {
		case c.File == "-" || c.Context == "-":
		case c.File != "":
			if c.FileLiteral {
				rel = c.File
			}
		case !c.ContextSet || !targets.HasInterpolation(c.Context):
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
				if cand := targets.JoinPath(base, rel); !seen[cand] {
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
func workflowRefs(p, text, root string) []targets.Ref {
	d := &targets.Doc{Path: p, Text: text}
	top, ok := yamlnode.Parse(d, "workflow")
	if !ok || top == nil || top.Kind != yaml.MappingNode {
		return nil
	}
	repo := root
	if i := strings.LastIndex(filepath.ToSlash(p), "/.github/workflows/"); i >= 0 {
		repo = filepath.FromSlash(filepath.ToSlash(p)[:i])
	}
	var out []targets.Ref
	for _, job := range yamlnode.Pairs(yamlnode.Get(top, "jobs")) {
		steps := yamlnode.Get(yamlnode.Deref(job[1]), "steps")
		if steps == nil || steps.Kind != yaml.SequenceNode {
			continue
		}
		for _, step := range steps.Content {
			step = yamlnode.Deref(step)
			uses := yamlnode.Get(step, "uses")
			if uses == nil || uses.Kind != yaml.ScalarNode || !strings.HasPrefix(uses.Value, "docker/build-push-action") {
				continue
			}
			with := yamlnode.Get(step, "with")
			tk, tv := yamlnode.GetPair(with, "target")
			if tv == nil || tv.Kind != yaml.ScalarNode {
				continue
			}
			target := yamlnode.Value(d, tk, tv)
			if !target.Literal || target.Text == "" {
				continue
			}
			ref := targets.Ref{Stage: strings.ToLower(target.Text), File: p, Kind: targets.Workflow, Range: target.Range, Via: "docker/build-push-action"}
			ctx, file := ".", ""
			known := true
			if v := yamlnode.Get(with, "context"); v != nil && v.Kind == yaml.ScalarNode && v.Value != "" {
				ctx = v.Value
				known = known && !targets.HasInterpolation(ctx) && !targets.IsRemote(ctx)
			}
			if v := yamlnode.Get(with, "file"); v != nil && v.Kind == yaml.ScalarNode && v.Value != "" {
				file = v.Value
				known = !targets.HasInterpolation(file)
			} else {
				file = filepath.Join(ctx, "Dockerfile")
			}
			if known {
				ref.Candidates, ref.Exact = []string{targets.JoinPath(repo, file)}, true
			}
			out = append(out, ref)
		}
	}
	return out
}
