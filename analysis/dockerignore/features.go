package dockerignore

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// hoverExamples is how many matched paths a hover names.
const hoverExamples = 5

// Hover explains the pattern at byte offset off: how many files of the
// build context c it matches, with a few of them. Counts are of the walk:
// the content of folders the walk pruned (excluded with no exception that
// could reach inside) is not listed, so those folders count as one path.
func Hover(text string, off int, c *buildcontext.Context, markdown bool) (string, syntax.Range, bool) {
	var at *Pattern
	for _, p := range Parse(text) {
		if p.Range.Start <= off && off <= p.Range.End {
			at = &p
			break
		}
	}
	if at == nil {
		return "", syntax.Range{}, false
	}
	pm, err := at.matcher()
	if err != nil {
		return "", syntax.Range{}, false
	}
	code := func(s string) string {
		if markdown {
			return "`" + s + "`"
		}
		return s
	}
	verb := "excludes"
	if at.Exception {
		verb = "re-includes"
	}
	if c == nil {
		return fmt.Sprintf("Pattern %s %s matching paths of the build context (the context is not known here).", code(text[at.Range.Start:at.Range.End]), verb), at.Range, true
	}
	var files, pruned int
	var examples []string
	c.Each(func(e buildcontext.Entry) {
		if e.Kind == buildcontext.Dir && !e.Pruned {
			return
		}
		ok, err := pm.MatchesOrParentMatches(e.Path)
		if err != nil || !ok {
			return
		}
		if e.Pruned {
			pruned++
		} else {
			files++
		}
		if len(examples) < hoverExamples {
			name := e.Path
			if e.Kind == buildcontext.Dir {
				name += "/"
			}
			examples = append(examples, code(name))
		}
	})
	var b strings.Builder
	fmt.Fprintf(&b, "Pattern %s %s %s", code(text[at.Range.Start:at.Range.End]), verb, plural(files, "file"))
	if pruned > 0 {
		fmt.Fprintf(&b, " and %s not walked", plural(pruned, "excluded folder"))
	}
	fmt.Fprintf(&b, " of the build context %s", code(c.Dir))
	if len(examples) > 0 {
		b.WriteString(": " + strings.Join(examples, ", "))
		if more := files + pruned - len(examples); more > 0 {
			fmt.Fprintf(&b, " and %d more", more)
		}
	}
	b.WriteString(".")
	if at.Exception {
		b.WriteString(" It applies to what an earlier pattern excluded.")
	}
	if !c.Complete {
		fmt.Fprintf(&b, " The walk of the context stopped early (%s bound), so there may be more.", c.Bound)
	}
	return b.String(), at.Range, true
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Item is one completion candidate: a path of the context relative to its
// root, folders with a trailing "/".
type Item struct {
	Path string
	Dir  bool
}

// Complete proposes the paths of the build context c inside the folder
// typed so far on the pattern line at off, excluded ones included (a
// .dockerignore names them). replace is the pattern typed so far, without
// a leading "!" or "/".
func Complete(text string, off int, c *buildcontext.Context) (items []Item, replace syntax.Range) {
	off = min(max(off, 0), len(text))
	start := strings.LastIndexByte(text[:off], '\n') + 1
	end := off + strings.IndexAny(text[off:]+"\n", "\r\n")
	line := text[start:off]
	lead := len(line) - len(strings.TrimLeft(line, " \t"))
	if strings.HasPrefix(line[lead:], "#") {
		return nil, syntax.Range{Start: off, End: off}
	}
	if strings.HasPrefix(line[lead:], "!") {
		lead++
	}
	if strings.HasPrefix(line[lead:], "/") {
		lead++
	}
	replace = syntax.Range{Start: start + lead, End: max(off, start+lead+len(strings.TrimRight(text[start+lead:end], " \t")))}
	if c == nil {
		return nil, replace
	}
	typed := text[start+lead : off]
	if strings.ContainsAny(typed, `*?[\`) {
		return nil, replace
	}
	base := typed[:strings.LastIndexByte(typed, '/')+1]
	prefix := typed[len(base):]
	for _, e := range c.Entries(base) {
		name := e.Name()
		if len(name) < len(prefix) || !strings.EqualFold(name[:len(prefix)], prefix) {
			continue
		}
		it := Item{Path: base + name, Dir: e.Kind == buildcontext.Dir}
		if it.Dir {
			it.Path += "/"
		}
		items = append(items, it)
	}
	return items, replace
}
