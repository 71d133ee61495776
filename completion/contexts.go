package completion

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// directive completes inside a recognised directive line (# name=value).
func (c *completer) directive() (Result, bool) {
	for _, d := range c.f.Directives {
		if !d.Range.Contains(c.off) {
			continue
		}
		switch {
		case c.off >= d.ValueRange.Start:
			return c.directiveValues(d.Name, d.ValueRange), true
		case d.NameRange.Contains(c.off):
			return c.directiveNames(d.NameRange, false), true
		}
		return Result{}, true
	}
	return Result{}, false
}

// directiveComment completes a comment that is still in directive position:
// the first node, right after the directive block. "# sy" is becoming a
// directive name, "# escape=" (empty values are not directives yet) a value.
var partialDirective = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^#[ \t]*([a-zA-Z]*)([ \t]*=[ \t]*)?`) })

func (c *completer) directiveComment(n syntax.Node) Result {
	if c.lineStart(n.Offset) != c.directivesEnd() {
		return Result{}
	}
	m := partialDirective().FindStringSubmatchIndex(n.Text())
	if m == nil {
		return Result{}
	}
	name := syntax.Range{Start: n.Offset + m[2], End: n.Offset + m[3]}
	if m[4] < 0 {
		if c.off < name.Start || c.off > name.End || (name.Len() == 0 && strings.TrimSpace(n.Text()) != "#") {
			return Result{}
		}
		return c.directiveNames(name, true)
	}
	value := syntax.Range{Start: n.Offset + m[5], End: n.Range().End}
	if c.off < value.Start {
		return Result{}
	}
	return c.directiveValues(strings.ToLower(c.f.Text[name.Start:name.End]), value)
}

// directivesEnd is where the line after the directive block starts.
func (c *completer) directivesEnd() int {
	if k := len(c.f.Directives); k > 0 {
		return syntax.NextLine(c.f.Text, c.f.Directives[k-1].Range.End)
	}
	return bodyStart(c.f.Text)
}

// lineStart is the start of the line holding off; the first line starts
// after the byte-order mark. off is never inside the mark (see complete).
func (c *completer) lineStart(off int) int {
	if i := strings.LastIndexAny(c.f.Text[:off], "\r\n"); i >= 0 {
		return i + 1
	}
	return bodyStart(c.f.Text)
}

// bodyStart is where the text starts, after a byte-order mark.
func bodyStart(text string) int {
	if strings.HasPrefix(text, "\xef\xbb\xbf") {
		return 3
	}
	return 0
}

// between handles a cursor outside every node: on an empty line (or at the
// end of the file) it is where an instruction starts, unless the previous
// instruction continues onto it.
func (c *completer) between() Result {
	text := c.f.Text
	ls := c.lineStart(c.off)
	if strings.Trim(text[ls:c.off], " \t") != "" {
		return Result{}
	}
	le := c.off + strings.IndexAny(text[c.off:]+"\n", "\r\n")
	if strings.Trim(text[c.off:le], " \t") != "" {
		return Result{}
	}
	prev := c.prevNode()
	if prev >= 0 {
		p := c.f.Node(prev)
		if p.Kind() == syntax.KindInstruction && len(p.Heredocs()) == 0 &&
			strings.HasSuffix(strings.TrimRight(p.Text(), " \t"), string(c.f.Escape)) {
			return Result{} // an empty continuation line
		}
	}
	return c.keywords(syntax.Range{Start: c.off, End: c.off}, false, prev)
}

// prevNode is the index of the last node starting before the cursor, or -1.
func (c *completer) prevNode() int {
	lo, hi := 0, c.f.Len()
	for lo < hi {
		mid := (lo + hi) / 2
		if c.f.Node(mid).Offset < c.off {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo - 1
}

// afterFirstFrom reports whether a FROM comes before node index i.
func (c *completer) afterFirstFrom(i int) bool {
	for j := 0; j <= i && j < c.f.Len(); j++ {
		n := c.f.Node(j)
		if n.Kind() == syntax.KindInstruction && n.Range().End < c.off && strings.EqualFold(n.Keyword().Value, "FROM") {
			return true
		}
	}
	return false
}

// instruction dispatches on where the cursor is in an instruction node.
func (c *completer) instruction(n syntax.Node) Result {
	off := c.off
	if kw := n.Keyword().Range; off <= kw.End {
		if off < kw.Start {
			return Result{}
		}
		return c.keywords(kw, false, c.prevNode())
	}
	for _, h := range n.Heredocs() {
		if off >= h.Body.Start {
			if !h.Quoted && off <= h.Body.End {
				if res, ok := c.variables(n); ok {
					return res
				}
			}
			return Result{}
		}
	}
	if c.onContinuationComment(n) {
		return Result{}
	}
	if res, ok := c.variables(n); ok {
		return res
	}
	outer := n
	if inner, ok := n.OnBuild(); ok {
		if kw := inner.Keyword().Range; off <= kw.End {
			return c.keywords(kw, true, -1)
		}
		n = inner
	} else if n.Command() == "ONBUILD" {
		if r, ok := c.freshWord(n); ok {
			return c.keywords(r, true, -1)
		}
		return Result{}
	}
	if ctx, ok := stageContextAt(outer, off); ok {
		return c.stages(n, ctx)
	}
	for _, fl := range n.Flags() {
		if !fl.Range.Contains(off) {
			continue
		}
		if off <= fl.NameRange.End {
			return c.flagNames(n, syntax.Range{Start: fl.Range.Start, End: fl.NameRange.End}, fl.HasValue)
		}
		if fl.HasValue && off >= fl.ValueRange.Start {
			return c.flagValue(n, fl)
		}
		return Result{}
	}
	if res, ok := c.copyFromPaths(n); ok {
		return res
	}
	return c.argument(n)
}

// onContinuationComment reports whether the cursor is on a comment line
// inside a continued instruction.
func (c *completer) onContinuationComment(n syntax.Node) bool {
	ls := c.lineStart(c.off)
	if ls <= n.Offset {
		return false
	}
	line := strings.TrimLeft(c.f.Text[ls:], " \t")
	return strings.HasPrefix(line, "#")
}

// freshWord returns an empty range at the cursor when it stands between
// words (after a blank) and before every argument; flags and first arguments
// start there.
func (c *completer) freshWord(n syntax.Node) (syntax.Range, bool) {
	off := c.off
	if off == 0 || !isBlankByte(c.f.Text[off-1]) {
		return syntax.Range{}, false
	}
	for _, w := range n.Args() {
		if w.Range.Start < off {
			return syntax.Range{}, false
		}
	}
	return syntax.Range{Start: off, End: off}, true
}

func isBlankByte(b byte) bool { return b == ' ' || b == '\t' }

// argument completes argument positions: a word starting with "-" or a
// blank before the first argument gets the flags, plus a few positional
// keywords and values.
func (c *completer) argument(n syntax.Node) Result {
	off := c.off
	args := n.Args()
	idx, cur := 0, syntax.Range{Start: off, End: off}
	inWord := false
	for i, w := range args {
		if w.Range.Contains(off) && (w.Range.Start < off || w.Range.Len() > 0) {
			idx, cur, inWord = i, w.Range, true
			break
		}
		if w.Range.End < off {
			idx = i + 1
		}
	}
	if !inWord && (off == 0 || !isBlankByte(c.f.Text[off-1])) {
		return Result{}
	}
	if n.IsJSON() {
		if cmd := n.Command(); cmd == "COPY" || cmd == "ADD" {
			return c.jsonCopyPaths(n)
		}
		return Result{}
	}
	typed := c.typed(cur)
	var res Result
	if idx == 0 && (typed == "" || strings.HasPrefix(typed, "-")) {
		if r := c.flagNames(n, cur, false); len(r.Items) > 0 {
			res = r
		}
	}
	var extra []Item
	switch n.Command() {
	case "HEALTHCHECK":
		if idx == 0 {
			extra = keywordItems(typed, "CMD", "NONE")
		}
	case "STOPSIGNAL":
		if idx == 0 {
			extra = valueItems(typed, signals, "", "")
		}
	case "FROM":
		if idx == 1 {
			extra = keywordItems(typed, "AS")
		}
	case "ARG":
		if idx >= 0 && !strings.Contains(typed, "=") {
			extra = c.argNames(n, typed)
		}
	case "COPY", "ADD":
		if !strings.HasPrefix(typed, "-") {
			extra = c.copyPaths(n, idx, len(args), typed, false)
		}
	}
	if len(extra) > 0 {
		res.Items = append(extra, res.Items...)
	}
	res.Replace = cur
	return res
}

var signals = []ValueInfo{
	{"SIGTERM", "ask the process to stop (the default)"},
	{"SIGINT", "interrupt, like Ctrl-C"},
	{"SIGQUIT", "quit; nginx stops gracefully on it"},
	{"SIGHUP", "hang up"},
	{"SIGKILL", "kill at once (cannot be handled)"},
	{"SIGUSR1", "user-defined signal 1"},
	{"SIGUSR2", "user-defined signal 2"},
	{"SIGWINCH", "window change; Apache httpd stops gracefully on it"},
}

// directiveNames proposes the directives not yet given.
func (c *completer) directiveNames(r syntax.Range, addEquals bool) Result {
	typed := c.typed(r)
	var items []Item
	for i, d := range Directives {
		if _, dup := c.f.Directive(d.Name); (dup && c.f.Text[r.Start:r.End] != d.Name) || !hasPrefixFold(d.Name, typed) {
			continue
		}
		it := Item{Label: d.Name, Detail: d.Form, Kind: KindDirective, InsertText: d.Name, SortText: string(rune('0' + i)), Key: "directive:" + d.Name}
		if addEquals {
			it.InsertText += "="
			it.Retrigger = true
		}
		items = append(items, it)
	}
	return Result{Items: items, Replace: r}
}

// directiveValues proposes values of a directive whose value spans r; for
// check, the rule names after skip= (comma-separated) are completed one by one.
func (c *completer) directiveValues(name string, r syntax.Range) Result {
	d, ok := Directive(name)
	if !ok {
		return Result{}
	}
	if name == "check" {
		// The part of the value holding the cursor: ';' separates settings.
		start := r.Start + strings.LastIndexByte(c.f.Text[r.Start:c.off], ';') + 1
		end := c.off + strings.IndexAny(c.f.Text[c.off:r.End]+";", ";")
		part := c.f.Text[start:c.off]
		if key, _, ok := strings.Cut(part, "="); ok && strings.EqualFold(strings.TrimSpace(key), "skip") {
			// After skip=: one rule name per comma-separated element.
			es := start + strings.LastIndexAny(part, "=,") + 1
			ee := c.off + strings.IndexAny(c.f.Text[c.off:end]+",", ",")
			er := syntax.Range{Start: es, End: ee}
			typed := c.typed(er)
			var items []Item
			for i, rule := range append([]string{"all"}, CheckRules()...) {
				if hasPrefixFold(rule, typed) {
					items = append(items, Item{Label: rule, Kind: KindValue, SortText: fmt.Sprintf("%03d", i), Key: "rule:" + rule})
				}
			}
			return Result{Items: items, Replace: er}
		}
		r = syntax.Range{Start: start, End: end}
	}
	items := valueItems(c.typed(r), d.Values, "directive:"+d.Name, "0")
	for i := range items {
		if strings.HasSuffix(items[i].Label, "=") {
			items[i].Retrigger = true
		}
	}
	return Result{Items: items, Replace: r}
}
