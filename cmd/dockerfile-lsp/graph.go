package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/graph"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// runGraph implements `dockerfile-lsp graph [--format F] [--target STAGE]
// [FILE]`: 0, or 2 on a usage error or an unreadable file.
func runGraph(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("graph", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: dockerfile-lsp graph [--format mermaid|dot|json] [--target STAGE] [FILE]\n\nDraws the stages of a Dockerfile (default ./Dockerfile; - reads standard input),\nthe images they use and how they depend on each other. The final stage has a\nthick border; what it does not need is grey.\n\nflags:")
		fset.PrintDefaults()
	}
	format := fset.String("format", "mermaid", "output format: mermaid, dot (Graphviz) or json")
	target := fset.String("target", "", "treat this stage as the final one, like docker build --target")
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fset.NArg() > 1 {
		fmt.Fprintf(stderr, "graph: one file at a time, got %d\n", fset.NArg())
		return 2
	}
	path := "Dockerfile"
	if fset.NArg() == 1 {
		path = fset.Arg(0)
	}
	text, err := readTargetsFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "graph: %v\n", err)
		return 2
	}
	g, err := graph.Build(model.Build(syntax.Parse(text)), *target)
	if err != nil {
		fmt.Fprintf(stderr, "graph: --target: %v\n", err)
		return 2
	}
	switch *format {
	case "mermaid":
		err = g.Mermaid(stdout)
	case "dot":
		err = g.DOT(stdout)
	case "json":
		err = encodeJSON(stdout, g)
	default:
		fmt.Fprintf(stderr, "graph: unknown --format %q (mermaid, dot or json)\n", *format)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "graph: %v\n", err)
		return 2
	}
	return 0
}
