package syntax

import "strings"

// Kind reports whether n is an instruction or a comment line.
func (n Node) Kind() Kind { return n.inst.kind }

// Range is the whole node: every continuation line and heredoc body, without the final newline.
func (n Node) Range() Range { return Range{n.Offset, n.Offset + n.inst.length} }

// Text is the node's source text, exactly as in the file.
func (n Node) Text() string { return n.inst.text }

// Keyword is the instruction keyword as written (for ONBUILD, "ONBUILD" itself).
func (n Node) Keyword() Word { return n.word(n.inst.keyword) }

// Command is the upper-cased keyword, e.g. "COPY".
func (n Node) Command() string {
	if c := n.inst.command; c != "" {
		return c // every rule asks, many times per node
	}
	return strings.ToUpper(n.inst.keyword.Value)
}

// IsJSON reports whether the arguments are in exec (JSON array) form.
func (n Node) IsJSON() bool { return n.inst.json }

// ArgsRange spans the arguments after the flags up to the end of the command
// text; heredoc bodies are excluded. It is empty right after the keyword or the
// last flag when nothing follows.
func (n Node) ArgsRange() Range { return n.inst.argsText.shift(n.Offset) }

// Flags returns the flags with absolute ranges.
func (n Node) Flags() []Flag {
	if len(n.inst.flags) == 0 {
		return nil
	}
	out := make([]Flag, len(n.inst.flags))
	for i, f := range n.inst.flags {
		out[i] = n.flag(f)
	}
	return out
}

// Flag returns the last flag called name (BuildKit lets a later flag win).
func (n Node) Flag(name string) (Flag, bool) {
	for i := len(n.inst.flags) - 1; i >= 0; i-- {
		if n.inst.flags[i].Name == name {
			return n.flag(n.inst.flags[i]), true
		}
	}
	return Flag{}, false
}

// Args returns the arguments after the flags (shell words, or JSON elements).
func (n Node) Args() []Word {
	if len(n.inst.args) == 0 {
		return nil
	}
	return n.AppendArgs(make([]Word, 0, len(n.inst.args)))
}

// AppendArgs appends the arguments to dst: a reader of many instructions
// reuses one array instead of allocating one per instruction.
func (n Node) AppendArgs(dst []Word) []Word {
	for _, w := range n.inst.args {
		dst = append(dst, n.word(w))
	}
	return dst
}

// Heredocs returns the heredocs introduced on the instruction line.
func (n Node) Heredocs() []Heredoc {
	if len(n.inst.heredocs) == 0 {
		return nil
	}
	out := make([]Heredoc, len(n.inst.heredocs))
	for i, h := range n.inst.heredocs {
		h.Marker = h.Marker.shift(n.Offset)
		h.Body = h.Body.shift(n.Offset)
		h.Terminator = h.Terminator.shift(n.Offset)
		out[i] = h
	}
	return out
}

// OnBuild returns the instruction an ONBUILD triggers, if n is a complete ONBUILD.
func (n Node) OnBuild() (Node, bool) {
	if n.inst.onbuild == nil {
		return Node{}, false
	}
	return Node{inst: n.inst.onbuild, Offset: n.Offset}, true
}

// Same reports whether two nodes share the same scanned instruction; the
// incremental update keeps instructions it did not need to rescan.
func (n Node) Same(m Node) bool { return n.inst == m.inst }

func (n Node) word(w Word) Word {
	w.Range = w.Range.shift(n.Offset)
	return w
}

func (n Node) flag(f Flag) Flag {
	f.Range = f.Range.shift(n.Offset)
	f.NameRange = f.NameRange.shift(n.Offset)
	f.ValueRange = f.ValueRange.shift(n.Offset)
	if len(f.Fields) > 0 {
		fields := make([]KeyValue, len(f.Fields))
		for i, kv := range f.Fields {
			kv.KeyRange = kv.KeyRange.shift(n.Offset)
			kv.ValueRange = kv.ValueRange.shift(n.Offset)
			fields[i] = kv
		}
		f.Fields = fields
	}
	return f
}
