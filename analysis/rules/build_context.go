package rules

// Helpers shared by the rules that read the build context: which COPY and
// ADD sources come from it, and the .dockerignore fix.

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// contextDirCopy is a COPY or ADD source that copies a context folder
// wholesale: the context itself, or one of its folders.
type contextDirCopy struct {
	word syntax.Word
	dir  string // context path of the folder, "" for the root
}

// contextDirCopies lists the folder copies of n.
func contextDirCopies(n syntax.Node, c *buildcontext.Context) []contextDirCopy {
	var out []contextDirCopy
	whole, isWhole := wholeContext(n)
	for _, w := range buildcontext.Sources(n) {
		if isWhole && w.Range == whole.Range {
			out = append(out, contextDirCopy{word: w})
			continue
		}
		if strings.ContainsAny(w.Value, `*?[\`) {
			continue
		}
		if e, ok := c.Lookup(w.Value); ok && e.Kind == buildcontext.Dir && e.Sent {
			out = append(out, contextDirCopy{word: w, dir: e.Path})
		}
	}
	return out
}

// neverShippedFound is NeverShipped for a folder copy, keeping the secrets or
// the others.
func neverShippedFound(c *buildcontext.Context, dir string, keep func(*buildcontext.NeverShip) bool) []buildcontext.Found {
	var out []buildcontext.Found
	for _, f := range c.NeverShipped(dir) {
		if keep(f.Kind) {
			out = append(out, f)
		}
	}
	return out
}

// ignoreFix appends patterns excluding found to the .dockerignore BuildKit
// reads for this Dockerfile, creating <context>/.dockerignore when there is
// none.
func ignoreFix(c *buildcontext.Context, found []buildcontext.Found) analysis.Fix {
	lines := buildcontext.IgnoreLines(found)
	text := strings.Join(lines, "\n") + "\n"
	ig := c.Ignore
	name := filepath.Base(ig.Path)
	if !ig.Exists {
		return analysis.Fix{
			Title:       fmt.Sprintf("Create %s excluding %s", name, strings.Join(lines, ", ")),
			CreateFiles: []string{ig.Path},
			Edits:       []analysis.Edit{{Path: ig.Path, NewText: text}},
		}
	}
	end := len(ig.Text)
	if end > 0 && !strings.HasSuffix(ig.Text, "\n") {
		text = "\n" + text
	}
	return analysis.Fix{
		Title: fmt.Sprintf("Add %s to %s", strings.Join(lines, ", "), name),
		Edits: []analysis.Edit{{Path: ig.Path, Range: syntax.Range{Start: end, End: end}, NewText: text}},
	}
}

// describeFound names the found paths with their weight, e.g.
// ".git (12 files, 40 kB), node_modules (3 files, 2 kB)", at most six.
func describeFound(found []buildcontext.Found) string {
	var parts []string
	for i, f := range found {
		if i == 6 {
			parts = append(parts, fmt.Sprintf("and %d more", len(found)-i))
			break
		}
		e := f.Path
		if f.Files != 1 || f.Kind.Dir {
			e += fmt.Sprintf(" (%s, %s)", plural(f.Files, "file"), formatBytes(f.Bytes))
		} else {
			e += fmt.Sprintf(" (%s)", formatBytes(f.Bytes))
		}
		parts = append(parts, e)
	}
	return strings.Join(parts, ", ")
}

func totalWeight(found []buildcontext.Found) buildcontext.Weight {
	var w buildcontext.Weight
	for _, f := range found {
		w.Files += f.Files
		w.Bytes += f.Bytes
	}
	return w
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// formatBytes writes a size in decimal units, as `du --si` and Docker do.
func formatBytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, i := float64(n)/unit, 0
	for v >= unit && i < 3 {
		v /= unit
		i++
	}
	return fmt.Sprintf("%.1f %cB", v, "kMGT"[i])
}
