// Command corpus-report runs every check (the project's rules and BuildKit's)
// over the shared corpus and prints, per rule, how many files it fires on:
// the evidence behind the rules' false-positive work. `make corpus-report`
// runs it; -samples N also lists N findings per rule to read.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// sets are the corpus folders, in the report's column order.
var sets = []string{"real", "naive"}

// tally is one rule's results.
type tally struct {
	source  string
	files   map[string]int // set → files with at least one finding
	samples []string
}

func main() {
	samples := flag.Int("samples", 0, "list this many findings per rule")
	flag.Parse()
	if err := run(os.Stdout, *samples); err != nil {
		fmt.Fprintln(os.Stderr, "corpus-report:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, samples int) error {
	rules := map[string]*tally{}
	total := map[string]int{}
	for _, set := range sets {
		files, err := corpus.List(set)
		if err != nil {
			return err
		}
		total[set] = len(files)
		for _, path := range files {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			f := syntax.Parse(string(data))
			seen := map[string]bool{}
			for _, d := range check.Run(context.Background(), f, check.Config{Path: corpus.RepoPath(path)}) {
				t := rules[d.Rule]
				if t == nil {
					t = &tally{source: d.Source, files: map[string]int{}}
					rules[d.Rule] = t
				}
				if !seen[d.Rule] {
					seen[d.Rule] = true
					t.files[set]++
				}
				if len(t.samples) < samples {
					line, col := f.Lines().Position(d.Range.Start)
					rel, _ := filepath.Rel(corpus.Dir(), path)
					t.samples = append(t.samples, fmt.Sprintf("%s:%d:%d: %s", rel, line+1, col+1, d.Message))
				}
			}
		}
	}
	names := make([]string, 0, len(rules))
	for name := range rules {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := rules[names[i]], rules[names[j]]
		if a.source != b.source {
			return a.source > b.source // the project's rules first
		}
		return names[i] < names[j]
	})
	fmt.Fprintf(w, "| rule | source | real (%d files) | naive (%d files) |\n|---|---|---:|---:|\n", total["real"], total["naive"])
	for _, name := range names {
		t := rules[name]
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", name, t.source, share(t.files["real"], total["real"]), share(t.files["naive"], total["naive"]))
	}
	if samples > 0 {
		for _, name := range names {
			fmt.Fprintf(w, "\n%s:\n", name)
			for _, s := range rules[name].samples {
				fmt.Fprintf(w, "  %s\n", s)
			}
		}
	}
	return nil
}

func share(n, of int) string {
	if n == 0 {
		return "0"
	}
	return fmt.Sprintf("%d (%.0f%%)", n, 100*float64(n)/float64(of))
}
