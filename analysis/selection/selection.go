// Package selection computes selection ranges ("expand selection"): from the
// word under the cursor outwards through the variable reference, the
// key=value field, the flag or argument, the instruction's arguments, the
// instruction, the stage and the whole file. Heredoc bodies expand line →
// body → heredoc → instruction. Byte offsets only.
package selection

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Ranges returns the ranges around off, innermost first; each strictly
// contains the one before it and the last is the whole file.
func Ranges(m *model.Model, off int) []syntax.Range {
	f := m.File
	off = max(0, min(off, len(f.Text)))
	var chain []syntax.Range // outermost first while building
	push := func(r syntax.Range) {
		if r.Len() <= 0 || !r.Contains(off) {
			return
		}
		if k := len(chain); k > 0 {
			last := chain[k-1]
			if r == last || r.Start < last.Start || r.End > last.End {
				return // must sit strictly inside the previous one
			}
		}
		chain = append(chain, r)
	}
	push(syntax.Range{Start: 0, End: len(f.Text)})
	if s := m.StageAt(off); s != nil {
		push(s.Range)
	}
	if i := f.NodeAt(off); i >= 0 {
		n := f.Node(i)
		push(n.Range())
		if n.Kind() == syntax.KindInstruction {
			inside(f, n, off, push)
		}
	} else {
		for _, d := range f.Directives {
			if d.Range.Contains(off) {
				push(d.Range)
				push(d.NameRange)
				push(d.ValueRange)
			}
		}
	}
	out := make([]syntax.Range, len(chain))
	for i, r := range chain {
		out[len(chain)-1-i] = r
	}
	return out
}

// inside pushes the ranges within instruction n, outermost first.
func inside(f *syntax.File, n syntax.Node, off int, push func(syntax.Range)) {
	for _, h := range n.Heredocs() {
		whole := syntax.Range{Start: h.Marker.Start, End: h.Terminator.End}
		if !h.Terminated {
			whole.End = min(h.Body.End, n.Range().End)
		}
		if off >= h.Body.Start && off <= whole.End {
			push(whole)
			body := syntax.Range{Start: h.Body.Start, End: contentEnd(f.Text, h.Body)}
			push(body)
			push(lineAt(f.Text, off))
			word(f.Text, lineAt(f.Text, off), off, f.Escape, push)
			return
		}
		if h.Marker.Contains(off) {
			push(whole)
			push(h.Marker)
			return
		}
	}
	if inner, ok := n.OnBuild(); ok {
		push(n.ArgsRange())
		n = inner
	}
	if kw := n.Keyword().Range; kw.Contains(off) {
		push(kw)
		return
	}
	if fl := n.Flags(); len(fl) > 0 {
		push(syntax.Range{Start: fl[0].Range.Start, End: fl[len(fl)-1].Range.End})
		for _, x := range fl {
			if !x.Range.Contains(off) {
				continue
			}
			push(x.Range)
			if x.NameRange.Contains(off) {
				push(x.NameRange)
				return
			}
			push(x.ValueRange)
			for _, kv := range x.Fields {
				field := syntax.Range{Start: kv.KeyRange.Start, End: kv.ValueRange.End}
				if field.Contains(off) {
					push(field)
					push(kv.KeyRange)
					push(kv.ValueRange)
					word(f.Text, kv.ValueRange, off, f.Escape, push)
				}
			}
			word(f.Text, x.ValueRange, off, f.Escape, push)
			return
		}
	}
	push(n.ArgsRange())
	for _, w := range n.Args() {
		if !w.Range.Contains(off) {
			continue
		}
		push(w.Range)
		raw := f.Text[w.Range.Start:w.Range.End]
		if eq := strings.IndexByte(raw, '='); eq > 0 && !n.IsJSON() {
			key := syntax.Range{Start: w.Range.Start, End: w.Range.Start + eq}
			value := syntax.Range{Start: key.End + 1, End: w.Range.End}
			push(key)
			push(value)
			word(f.Text, value, off, f.Escape, push)
		}
		word(f.Text, w.Range, off, f.Escape, push)
		return
	}
}

// word pushes the variable reference around off within r ($NAME, ${...})
// and its name.
func word(text string, r syntax.Range, off int, esc byte, push func(syntax.Range)) {
	for i := r.Start; i < r.End; i++ {
		if text[i] == esc {
			i++
			continue
		}
		if text[i] != '$' || i+1 >= r.End {
			continue
		}
		end, name := reference(text, i, r.End)
		if end <= i+1 {
			continue
		}
		if off >= i && off <= end {
			push(syntax.Range{Start: i, End: end})
			push(name)
			return
		}
		i = end - 1
	}
}

// reference reads the variable reference at text[i] == '$': its end and the
// range of its name.
func reference(text string, i, limit int) (int, syntax.Range) {
	j := i + 1
	braced := text[j] == '{'
	if braced {
		j++
	}
	k := j
	for k < limit && (text[k] == '_' || text[k] >= 'a' && text[k] <= 'z' || text[k] >= 'A' && text[k] <= 'Z' || k > j && text[k] >= '0' && text[k] <= '9') {
		k++
	}
	name := syntax.Range{Start: j, End: k}
	if !braced {
		return k, name
	}
	depth := 1
	for e := k; e < limit; e++ {
		switch text[e] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return e + 1, name
			}
		}
	}
	return limit, name
}

// lineAt is the content of the line holding off.
func lineAt(text string, off int) syntax.Range {
	s := strings.LastIndexAny(text[:off], "\r\n") + 1
	e := off + strings.IndexAny(text[off:]+"\n", "\r\n")
	return syntax.Range{Start: s, End: e}
}

// contentEnd drops the final line break of a heredoc body.
func contentEnd(text string, body syntax.Range) int {
	e := body.End
	if e > body.Start && text[e-1] == '\n' {
		e--
	}
	if e > body.Start && text[e-1] == '\r' {
		e--
	}
	return e
}
