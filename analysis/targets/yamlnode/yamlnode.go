// Package yamlnode reads the YAML files that name build targets (Compose
// files, GitHub workflows) into yaml.v3 nodes and gives their values byte
// ranges in the text, the way the rest of the engine counts positions.
package yamlnode

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
)

var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`line (\d+)`) })

// Parse decodes the first document of d, reporting a syntax error as a
// diagnostic on the line the parser names. It returns nil and ok for an empty
// file.
func Parse(d *targets.Doc, what string) (root *yaml.Node, ok bool) {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(d.Text), &n); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if m := yamlLine().FindStringSubmatchIndex(msg); m != nil {
			line, _ = strconv.Atoi(msg[m[2]:m[3]])
			line--
			msg = strings.TrimLeft(msg[m[1]:], ": ")
		}
		// yaml.v3 names the line where the enclosing mapping starts; the
		// first line at which the text stops parsing is more telling.
		if l, ok := firstBadLine(d.Text); ok {
			line = l
		}
		d.Problem(d.LineRange(line), "this %s file is not valid YAML: %s", what, msg)
		return nil, false
	}
	if len(n.Content) == 0 {
		return nil, true
	}
	return Deref(n.Content[0]), true
}

// firstBadLine finds, by bisection, the first 0-based line such that the
// text up to and including it does not parse.
func firstBadLine(text string) (int, bool) {
	if len(text) > 256<<10 { // some 18 parses: keep them cheap
		return 0, false
	}
	lines := syntax.NewLineIndex(text)
	fails := func(n int) bool { // the first n lines
		var node yaml.Node
		return yaml.Unmarshal([]byte(text[:lines.LineEnd(n-1)]), &node) != nil
	}
	lo, hi := 1, lines.Lines()
	if !fails(hi) {
		return 0, false
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo - 1, true
}

// KindName names the kind of a node in a message.
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		if IsNull(n) {
			return "null"
		}
		return "scalar"
	}
	return "node"
}

// IsNull reports whether n is a null scalar, written or not.
func IsNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// Deref follows aliases and enters a document node.
func Deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return Deref(n.Content[0])
	}
	return n
}

// Pairs lists the key/value pairs of a mapping, those merged in with "<<"
// first so that the mapping's own keys, later in the list, win.
func Pairs(m *yaml.Node) [][2]*yaml.Node {
	return pairsDepth(m, 0)
}

func pairsDepth(m *yaml.Node, depth int) [][2]*yaml.Node {
	m = Deref(m)
	if m == nil || m.Kind != yaml.MappingNode || depth > 8 {
		return nil
	}
	var merged, own [][2]*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Style == 0 {
			src := Deref(v)
			if src != nil && src.Kind == yaml.SequenceNode {
				for _, item := range src.Content {
					merged = append(merged, pairsDepth(item, depth+1)...)
				}
			} else {
				merged = append(merged, pairsDepth(src, depth+1)...)
			}
			continue
		}
		own = append(own, [2]*yaml.Node{k, v})
	}
	return append(merged, own...)
}

// GetPair returns the key and the (dereferenced) value of key in m, the
// last one when it appears more than once.
func GetPair(m *yaml.Node, key string) (k, v *yaml.Node) {
	for _, kv := range Pairs(m) {
		if kv[0].Kind == yaml.ScalarNode && kv[0].Value == key {
			k, v = kv[0], Deref(kv[1])
		}
	}
	return k, v
}

// Get returns the (dereferenced) value of key in m, or nil.
func Get(m *yaml.Node, key string) *yaml.Node {
	_, v := GetPair(m, key)
	return v
}

// offset converts a node's position (1-based line, 1-based column in
// characters) to a byte offset. yaml.v3 does not count a byte order mark.
func offset(d *targets.Doc, line, col int) int {
	if line <= 0 {
		return 0
	}
	lines := d.Lines()
	start, end := lines.LineStart(line-1), lines.LineEnd(line-1)
	if line == 1 && strings.HasPrefix(d.Text, "\ufeff") {
		start += len("\ufeff")
	}
	off := start
	for i := 1; i < col && off < end; i++ {
		_, size := utf8.DecodeRuneInString(d.Text[off:end])
		off += size
	}
	return off
}

// Range is where a node starts, up to the end of its line (collections)
// or of its text (scalars).
func Range(d *targets.Doc, n *yaml.Node) syntax.Range {
	if n.Kind == yaml.ScalarNode {
		return ScalarRange(d, n)
	}
	start := offset(d, n.Line, n.Column)
	lines := d.Lines()
	line, _ := lines.Position(start)
	return syntax.Range{Start: start, End: lines.LineEnd(line)}
}

// ScalarRange is the text of a scalar without its quotes. A null written as
// nothing is an empty range where the value would go.
func ScalarRange(d *targets.Doc, n *yaml.Node) syntax.Range {
	start := offset(d, n.Line, n.Column)
	text := d.Text
	switch n.Style {
	case yaml.DoubleQuotedStyle:
		if start >= len(text) || text[start] != '"' {
			break
		}
		for i := start + 1; i < len(text); i++ {
			switch text[i] {
			case '\\':
				i++
			case '"':
				return syntax.Range{Start: start + 1, End: i}
			}
		}
		return syntax.Range{Start: start + 1, End: len(text)}
	case yaml.SingleQuotedStyle:
		if start >= len(text) || text[start] != '\'' {
			break
		}
		for i := start + 1; i < len(text); i++ {
			if text[i] == '\'' {
				if i+1 < len(text) && text[i+1] == '\'' {
					i++
					continue
				}
				return syntax.Range{Start: start + 1, End: i}
			}
		}
		return syntax.Range{Start: start + 1, End: len(text)}
	case yaml.LiteralStyle, yaml.FoldedStyle:
		return syntax.Range{Start: start, End: min(start+1, len(text))}
	}
	if IsNull(n) && n.Value == "" {
		return syntax.Range{Start: start, End: start}
	}
	if strings.HasPrefix(text[start:], n.Value) {
		return syntax.Range{Start: start, End: start + len(n.Value)}
	}
	// A plain scalar folded over several lines, or one written with a tag:
	// up to the end of its first line, before a comment.
	lines := d.Lines()
	line, _ := lines.Position(start)
	end := lines.LineEnd(line)
	if i := strings.Index(text[start:end], " #"); i >= 0 {
		end = start + i
	}
	for end > start && (text[end-1] == ' ' || text[end-1] == '\t') {
		end--
	}
	return syntax.Range{Start: start, End: end}
}

// Value turns a scalar node into a Value; key is the node of its key
// (the node itself for `build: path`).
func Value(d *targets.Doc, key, n *yaml.Node) targets.Value {
	v := targets.Value{Set: true, Range: ScalarRange(d, n)}
	if !IsNull(n) {
		v.Text = n.Value
	}
	v.Literal = !targets.HasInterpolation(v.Text)
	v.Line = max(key.Line-1, 0)
	return v
}
