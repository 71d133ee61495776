// Package graph turns a Dockerfile's model into a picture of its stages: the
// stages and the external images they start from, copy from or mount, with
// an edge for each FROM <stage>, COPY --from and RUN --mount from=. It knows
// which stage the build produces and which stages it never needs, and renders
// the picture as Mermaid or Graphviz DOT; the Graph itself marshals to JSON.
package graph

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/docs"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Graph is the stage graph of one file.
type Graph struct {
	Nodes []Node `json:"nodes"` // stages in file order, then images by first use
	Edges []Edge `json:"edges"` // from the stage or image supplying to the one using it
}

// NodeKind tells stages from external images.
type NodeKind string

const (
	StageNode NodeKind = "stage"
	ImageNode NodeKind = "image"
)

// Node is a stage or an external image.
type Node struct {
	ID   string   `json:"id"` // "s<index>" for stages, "i<n>" for images
	Kind NodeKind `json:"kind"`
	// Label is a stage's name, or "stage N" when unnamed; an image's reference.
	Label string `json:"label"`
	Index int    `json:"index"` // the stage's index; -1 for images
	Name  string `json:"name,omitempty"`
	Base  string `json:"base,omitempty"` // a stage's base, global ARGs expanded
	Line  int    `json:"line,omitempty"` // a stage's FROM line, 1-based
	// Final marks the stage the build produces: --target, or the last one.
	Final bool `json:"final,omitempty"`
	// Unused marks a node the final stage does not need: a plain build
	// skips it.
	Unused bool `json:"unused,omitempty"`
}

// EdgeKind names the construct an edge comes from.
type EdgeKind string

const (
	FromEdge  EdgeKind = "from"  // FROM <stage or image>
	CopyEdge  EdgeKind = "copy"  // COPY --from=
	MountEdge EdgeKind = "mount" // RUN --mount=...,from=
)

// Edge is one dependency; several references of one kind between the same
// two nodes make one edge.
type Edge struct {
	From string   `json:"from"`
	To   string   `json:"to"`
	Kind EdgeKind `json:"kind"`
	// Paths are the sources copied (COPY) or the mount targets (RUN --mount).
	Paths []string `json:"paths,omitempty"`
	// OnBuild marks a reference inside ONBUILD: it runs in the stages
	// built on this one.
	OnBuild bool `json:"onbuild,omitempty"`
	// Maybe marks a reference that holds a variable: it goes to every stage
	// a --build-arg could make it name.
	Maybe  bool  `json:"maybe,omitempty"`
	Unused bool  `json:"unused,omitempty"`
	Lines  []int `json:"lines"` // where the references are, 1-based
}

// Label is the text drawn on the edge.
func (e Edge) Label() string {
	var b strings.Builder
	if e.OnBuild {
		b.WriteString("ONBUILD ")
	}
	switch e.Kind {
	case FromEdge:
		b.WriteString("FROM")
	case CopyEdge:
		b.WriteString("COPY")
	case MountEdge:
		b.WriteString("mount")
	}
	for _, p := range e.Paths {
		b.WriteString(" ")
		b.WriteString(p)
	}
	return b.String()
}

// Build draws m's graph with target as the final stage (empty: the last).
// A target that names no stage is an error.
func Build(m *model.Model, target string) (*Graph, error) {
	final := m.Final(target)
	if target != "" && m.StageByName(target) == nil {
		return nil, fmt.Errorf("no stage is named %q", target)
	}
	need := m.Reachable(final)
	lines := m.File.Lines()
	line := func(off int) int { l, _ := lines.Position(off); return l + 1 }

	g := &Graph{Nodes: []Node{}, Edges: []Edge{}}
	for _, s := range m.Stages {
		label := s.Name
		if label == "" {
			label = fmt.Sprintf("stage %d", s.Index)
		}
		g.Nodes = append(g.Nodes, Node{
			ID: stageID(s), Kind: StageNode, Label: label, Index: s.Index, Name: s.Name,
			Base: baseOf(s), Line: line(s.From.Offset), Final: s == final, Unused: !need[s],
		})
	}
	images := map[string]string{} // reference → node id
	imageID := func(ref string, user *model.Stage) string {
		id, ok := images[ref]
		if !ok {
			id = fmt.Sprintf("i%d", len(images))
			images[ref] = id
			g.Nodes = append(g.Nodes, Node{ID: id, Kind: ImageNode, Label: ref, Index: -1, Unused: true})
		}
		if need[user] {
			g.node(id).Unused = false
		}
		return id
	}
	edges := map[[3]string]int{} // from, to, kind+onbuild → index in g.Edges
	addEdge := func(from string, to *model.Stage, kind EdgeKind, paths []string, onbuild, maybe bool, at int) {
		key := [3]string{from, stageID(to), fmt.Sprint(kind, onbuild, maybe)}
		i, ok := edges[key]
		if !ok {
			i = len(g.Edges)
			edges[key] = i
			g.Edges = append(g.Edges, Edge{From: from, To: stageID(to), Kind: kind, OnBuild: onbuild, Maybe: maybe, Unused: !need[to]})
		}
		e := &g.Edges[i]
		for _, p := range paths {
			if !slices.Contains(e.Paths, p) {
				e.Paths = append(e.Paths, p)
			}
		}
		if l := line(at); !slices.Contains(e.Lines, l) {
			e.Lines = append(e.Lines, l)
		}
	}

	for _, s := range m.Stages {
		if s.Parent == nil && !hasFromRef(m, s) && s.BaseValue != "" {
			addEdge(imageID(baseOf(s), s), s, FromEdge, nil, false, false, s.From.Offset)
		}
	}
	for _, r := range m.Refs {
		if r.Owner == nil {
			continue
		}
		kind := map[model.RefKind]EdgeKind{model.RefFrom: FromEdge, model.RefCopyFrom: CopyEdge, model.RefMountFrom: MountEdge}[r.Kind]
		paths := refPaths(r)
		if r.Target != nil {
			addEdge(stageID(r.Target), r.Owner, kind, paths, r.OnBuild, false, r.Node.Offset)
		} else if len(r.Candidates) == 0 && isImage(m, r) {
			addEdge(imageID(r.Value, r.Owner), r.Owner, kind, paths, r.OnBuild, false, r.Node.Offset)
		}
		// Target is what the variables' defaults select; any other
		// candidate is one a --build-arg could select instead.
		for _, c := range r.Candidates {
			if c != r.Target {
				addEdge(stageID(c), r.Owner, kind, paths, r.OnBuild, true, r.Node.Offset)
			}
		}
	}
	return g, nil
}

func (g *Graph) node(id string) *Node {
	for i := range g.Nodes {
		if g.Nodes[i].ID == id {
			return &g.Nodes[i]
		}
	}
	return nil
}

func stageID(s *model.Stage) string { return fmt.Sprintf("s%d", s.Index) }

// baseOf is the base as the build sees it: global ARG defaults expanded,
// unless that leaves a variable, which the text as written shows better.
func baseOf(s *model.Stage) string {
	if s.BaseValue == "" || strings.Contains(s.BaseValue, "$") {
		return s.Base
	}
	return s.BaseValue
}

// hasFromRef reports whether s's FROM is a stage reference (possibly through
// a variable), which the references loop draws.
func hasFromRef(m *model.Model, s *model.Stage) bool {
	for _, r := range m.Refs {
		if r.Kind == model.RefFrom && r.Owner == s {
			return true
		}
	}
	return false
}

// isImage reports whether an unresolved --from or from= names an image: not
// empty, not a stage index out of range, not a variable BuildKit refuses.
func isImage(m *model.Model, r *model.Ref) bool {
	if r.Value == "" || r.ByIndex || strings.Contains(r.Value, "$") {
		return false
	}
	for _, p := range m.Problems {
		if p.Ref == r {
			return false
		}
	}
	return true
}

// refPaths are what a COPY --from copies (its sources) or where a mount
// appears (its target).
func refPaths(r *model.Ref) []string {
	switch r.Kind {
	case model.RefCopyFrom:
		args := r.Node.Args()
		if len(args) < 2 {
			return nil
		}
		var out []string
		for _, w := range args[:len(args)-1] {
			out = append(out, w.Value)
		}
		return out
	case model.RefMountFrom:
		for _, f := range r.Node.Flags() {
			if f.Name != "mount" || !hasField(f.Fields, "from", r.Value) {
				continue
			}
			for _, kv := range f.Fields {
				if docs.CanonicalMountKey(kv.Key) == "target" {
					return []string{kv.Value}
				}
			}
		}
	}
	return nil
}

func hasField(fields []syntax.KeyValue, key, value string) bool {
	for _, kv := range fields {
		if strings.EqualFold(kv.Key, key) && kv.Value == value {
			return true
		}
	}
	return false
}
