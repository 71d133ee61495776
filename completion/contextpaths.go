package completion

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Env is what completion knows beyond the file. The zero Env knows nothing.
type Env struct {
	// BuildContext returns the walk of the Dockerfile's build context, nil
	// when it is unknown. It is called only where context paths are
	// completed, so other completions never wait for a walk.
	BuildContext func() *buildcontext.Context
}

// copyPaths proposes, for the argument idx of a COPY or ADD with nargs
// arguments: the context's files and folders for a source, and the stage's
// working directories and earlier destinations where the destination may be
// typed (the last argument, after at least one source). Sources come from
// the context only without --from, which reads another stage or an image.
func (c *completer) copyPaths(n syntax.Node, idx, nargs int, typed string, json bool) []Item {
	var items []Item
	if idx >= 1 && idx >= nargs-1 {
		items = c.destinations(n, typed, json)
	}
	if _, from := n.Flag("from"); !from {
		items = append(items, c.contextPaths(typed, json)...)
	}
	return items
}

// contextPaths are the paths BuildKit receives inside the folder typed so
// far, relative to the context, folders with a trailing "/".
func (c *completer) contextPaths(typed string, json bool) []Item {
	if c.env.BuildContext == nil || strings.ContainsAny(typed, `$*?[\`) || strings.Contains(typed, "://") {
		return nil
	}
	bc := c.env.BuildContext()
	if bc == nil {
		return nil
	}
	base := typed[:strings.LastIndexByte(typed, '/')+1]
	prefix := typed[len(base):]
	var items []Item
	for _, name := range bc.Children(base) {
		if !hasPrefixFold(name, prefix) || json && strings.ContainsAny(name, `"\`) {
			continue
		}
		it := Item{Label: base + name, Kind: KindFile, Detail: "build context", SortText: "1" + name}
		if strings.HasSuffix(name, "/") {
			it.Kind, it.Retrigger = KindFolder, true
		}
		items = append(items, it)
	}
	return items
}

// destinations are the working directories of n's stage and the
// destinations its other COPY and ADD instructions use, absolute.
func (c *completer) destinations(n syntax.Node, typed string, json bool) []Item {
	st := stageFacts(facts.Of(c.m), n)
	if st == nil {
		return nil
	}
	var items []Item
	seen := map[string]bool{}
	add := func(p, detail string) {
		if p == "" || seen[p] || strings.Contains(p, "$") || !hasPrefixFold(p, typed) || json && strings.ContainsAny(p, `"\`) {
			return
		}
		seen[p] = true
		items = append(items, Item{Label: p, Kind: KindFolder, Detail: detail, SortText: fmt.Sprintf("0%03d", len(items))})
	}
	for _, step := range st.Steps {
		if step.Node.Offset == n.Offset && step.Workdir != "" && step.Workdir != "/" {
			add(dirPath(step.Workdir), "the WORKDIR here")
		}
	}
	for _, step := range st.Steps {
		if step.Workdir != "/" {
			add(dirPath(step.Workdir), "a WORKDIR of this stage")
		}
	}
	for _, cp := range st.Copies {
		if cp.Node.Offset == n.Offset {
			continue
		}
		d := cp.Dest
		if cp.IntoDir {
			d = dirPath(d)
		}
		add(d, "a destination of this stage")
	}
	return items
}

// dirPath ends a folder path with "/", as a COPY destination folder is
// written.
func dirPath(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return p
	}
	return p + "/"
}

// stageFacts is the stage holding the instruction n.
func stageFacts(f *facts.Facts, n syntax.Node) *facts.Stage {
	for _, st := range f.Stages {
		for _, step := range st.Steps {
			if step.Node.Offset == n.Offset {
				return st
			}
		}
	}
	return nil
}

// jsonCopyPaths completes inside a string of a COPY or ADD in JSON form:
// ["src", "dest"]. The replaced range is the string's content.
func (c *completer) jsonCopyPaths(n syntax.Node) Result {
	ar := n.ArgsRange()
	if c.off < ar.Start || c.off > ar.End {
		return Result{}
	}
	text := c.f.Text[ar.Start:ar.End]
	rel := c.off - ar.Start
	type span struct{ start, end int }
	var spans []span
	for i := 0; i < len(text); i++ {
		if text[i] != '"' {
			continue
		}
		s := span{start: i + 1, end: len(text)}
		for j := i + 1; j < len(text); j++ {
			if text[j] == '\\' {
				j++
				continue
			}
			if text[j] == '"' {
				s.end = j
				break
			}
		}
		spans = append(spans, s)
		i = s.end
	}
	for idx, s := range spans {
		if rel < s.start || rel > s.end {
			continue
		}
		typed := text[s.start:rel]
		items := c.copyPaths(n, idx, len(spans), typed, true)
		return Result{Items: items, Replace: syntax.Range{Start: ar.Start + s.start, End: ar.Start + s.end}}
	}
	return Result{}
}
