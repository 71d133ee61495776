package graph

import (
	"fmt"
	"io"
	"strings"
)

// The pictures have three visual cues, the same in both languages: the
// final stage has a thick border, what the final stage does not need is
// grey, and images are cylinders while stages are boxes. Mounts and
// references through a variable are dashed.

// stageText is a stage's label: its name (or index), "(final)" when it is,
// and its base on a second line.
func stageText(n Node, newline string) string {
	first := n.Label
	if n.Final {
		first += " (final)"
	}
	if n.Base == "" {
		return first // FROM without an argument yet
	}
	return first + newline + "FROM " + n.Base
}

func edgeText(e Edge) string {
	label := e.Label()
	if e.Kind == FromEdge && !e.OnBuild {
		label = ""
	}
	if e.Maybe {
		label = strings.TrimSpace(label + " (by build arg)")
	}
	return label
}

// Mermaid writes the graph as a Mermaid flowchart.
func (g *Graph) Mermaid(w io.Writer) error {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	var final, unused []string
	for _, n := range g.Nodes {
		if n.Kind == ImageNode {
			fmt.Fprintf(&b, "  %s[(\"%s\")]\n", n.ID, mermaidText(n.Label))
		} else {
			fmt.Fprintf(&b, "  %s[\"%s\"]\n", n.ID, mermaidText(stageText(n, "\n")))
		}
		if n.Final {
			final = append(final, n.ID)
		}
		if n.Unused {
			unused = append(unused, n.ID)
		}
	}
	var greyEdges []string
	for i, e := range g.Edges {
		arrow := "-->"
		if e.Kind == MountEdge || e.Maybe {
			arrow = "-.->"
		}
		if label := edgeText(e); label != "" {
			fmt.Fprintf(&b, "  %s %s|\"%s\"| %s\n", e.From, arrow, mermaidText(label), e.To)
		} else {
			fmt.Fprintf(&b, "  %s %s %s\n", e.From, arrow, e.To)
		}
		if e.Unused {
			greyEdges = append(greyEdges, fmt.Sprint(i))
		}
	}
	b.WriteString("  classDef final stroke-width:4px\n")
	// Faded rather than coloured, so that it reads as grey on light and dark themes alike.
	b.WriteString("  classDef unused opacity:0.45,stroke-dasharray:4 3\n")
	if len(final) > 0 {
		fmt.Fprintf(&b, "  class %s final\n", strings.Join(final, ","))
	}
	if len(unused) > 0 {
		fmt.Fprintf(&b, "  class %s unused\n", strings.Join(unused, ","))
	}
	if len(greyEdges) > 0 {
		fmt.Fprintf(&b, "  linkStyle %s opacity:0.45\n", strings.Join(greyEdges, ","))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidText escapes text for a quoted Mermaid label: entity codes for the
// characters that would end or break it, <br/> for line breaks.
func mermaidText(s string) string {
	return strings.NewReplacer("#", "#35;", `"`, "#quot;", "<", "#lt;", ">", "#gt;", "\n", "<br/>").Replace(s)
}

// DOT writes the graph in Graphviz's language.
func (g *Graph) DOT(w io.Writer) error {
	var b strings.Builder
	b.WriteString("digraph stages {\n  rankdir=TB;\n  node [shape=box, style=rounded];\n")
	for _, n := range g.Nodes {
		attrs := []string{}
		if n.Kind == ImageNode {
			attrs = append(attrs, "label="+dotString(n.Label), "shape=cylinder")
		} else {
			attrs = append(attrs, "label="+dotString(stageText(n, "\n")))
		}
		if n.Final {
			attrs = append(attrs, "penwidth=3")
		}
		if n.Unused {
			attrs = append(attrs, "color=gray", "fontcolor=gray")
		}
		fmt.Fprintf(&b, "  %s [%s];\n", n.ID, strings.Join(attrs, ", "))
	}
	for _, e := range g.Edges {
		attrs := []string{}
		if label := edgeText(e); label != "" {
			attrs = append(attrs, "label="+dotString(label))
		}
		if e.Kind == MountEdge || e.Maybe {
			attrs = append(attrs, "style=dashed")
		}
		if e.Unused {
			attrs = append(attrs, "color=gray", "fontcolor=gray")
		}
		if len(attrs) > 0 {
			fmt.Fprintf(&b, "  %s -> %s [%s];\n", e.From, e.To, strings.Join(attrs, ", "))
		} else {
			fmt.Fprintf(&b, "  %s -> %s;\n", e.From, e.To)
		}
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// dotString quotes s as a DOT string; a newline becomes DOT's \n.
func dotString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}
