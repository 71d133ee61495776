package targets

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// parseCompose reads services.<name>.build of a Compose file: a string is the
// context; a mapping has context, dockerfile, dockerfile_inline and target.
// Merge keys (<<: *anchor) are followed, so a build shared through an
// extension field (x-build: &build) is seen in every service that merges it.
func parseCompose(d *Doc) {
	root, ok := parseYAML(d, "Compose")
	if !ok || root == nil {
		return
	}
	if root.Kind != yaml.MappingNode {
		d.Problems = append(d.Problems, problemAt(d, nodeRange(d, root), "a Compose file is a mapping with a services key; this one is a %s", kindName(root)))
		return
	}
	services := mapGet(root, "services")
	if services == nil || isNull(services) {
		return
	}
	if services.Kind != yaml.MappingNode {
		d.Problems = append(d.Problems, problemAt(d, nodeRange(d, services), "services must be a mapping of service names to services, not a %s", kindName(services)))
		return
	}
	for _, kv := range pairs(services) {
		svc := deref(kv[1])
		if svc == nil || svc.Kind != yaml.MappingNode {
			continue
		}
		build := mapGet(svc, "build")
		if build == nil || isNull(build) {
			continue
		}
		b := &Build{Kind: Compose, Name: kv[0].Value, NameRange: scalarRange(d, kv[0])}
		switch build.Kind {
		case yaml.ScalarNode:
			b.Context = scalarValue(d, build, build)
		case yaml.MappingNode:
			for _, f := range []struct {
				key string
				v   *Value
			}{{"context", &b.Context}, {"dockerfile", &b.Dockerfile}, {"dockerfile_inline", &b.Inline}, {"target", &b.Target}} {
				if k, v := mapGetPair(build, f.key); v != nil && v.Kind == yaml.ScalarNode {
					*f.v = scalarValue(d, k, v)
				}
			}
		default:
			d.Problems = append(d.Problems, problemAt(d, nodeRange(d, build), "build of service %s must be a path or a mapping, not a %s", b.Name, kindName(build)))
			continue
		}
		d.Builds = append(d.Builds, b)
	}
}

var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`line (\d+)`) })

// parseYAML decodes the first document of d, reporting a syntax error as a
// diagnostic on the line the parser names. It returns nil and ok for an empty
// file.
func parseYAML(d *Doc, what string) (root *yaml.Node, ok bool) {
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
		d.Problems = append(d.Problems, problemAt(d, lineRange(d.Text, line), "this %s file is not valid YAML: %s", what, msg))
		return nil, false
	}
	if len(n.Content) == 0 {
		return nil, true
	}
	return deref(n.Content[0]), true
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

// problemAt is an InvalidBuildFile error.
func problemAt(d *Doc, r syntax.Range, format string, args ...any) analysis.Diagnostic {
	return diag(RuleInvalidFile, analysis.Error, r, format, args...)
}

// lineRange is the content of a 0-based line without its leading blanks.
func lineRange(text string, line int) syntax.Range {
	lines := syntax.NewLineIndex(text)
	start, end := lines.LineStart(line), lines.LineEnd(line)
	for start < end && (text[start] == ' ' || text[start] == '\t') {
		start++
	}
	return syntax.Range{Start: start, End: end}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		if isNull(n) {
			return "null"
		}
		return "scalar"
	}
	return "node"
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return deref(n.Content[0])
	}
	return n
}

// pairs lists the key/value pairs of a mapping, those merged in with "<<"
// first so that the mapping's own keys, later in the list, win.
func pairs(m *yaml.Node) [][2]*yaml.Node {
	return pairsDepth(m, 0)
}

func pairsDepth(m *yaml.Node, depth int) [][2]*yaml.Node {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode || depth > 8 {
		return nil
	}
	var merged, own [][2]*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Style == 0 {
			src := deref(v)
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

// mapGetPair returns the key and the (dereferenced) value of key in m, the
// last one when it appears more than once.
func mapGetPair(m *yaml.Node, key string) (k, v *yaml.Node) {
	for _, kv := range pairs(m) {
		if kv[0].Kind == yaml.ScalarNode && kv[0].Value == key {
			k, v = kv[0], deref(kv[1])
		}
	}
	return k, v
}

func mapGet(m *yaml.Node, key string) *yaml.Node {
	_, v := mapGetPair(m, key)
	return v
}

// yamlOffset converts a node's position (1-based line, 1-based column in
// characters) to a byte offset. yaml.v3 does not count a byte order mark.
func yamlOffset(d *Doc, line, col int) int {
	if line <= 0 {
		return 0
	}
	lines := d.lines()
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

// nodeRange is where a node starts, up to the end of its line (collections)
// or of its text (scalars).
func nodeRange(d *Doc, n *yaml.Node) syntax.Range {
	if n.Kind == yaml.ScalarNode {
		return scalarRange(d, n)
	}
	start := yamlOffset(d, n.Line, n.Column)
	lines := d.lines()
	line, _ := lines.Position(start)
	return syntax.Range{Start: start, End: lines.LineEnd(line)}
}

// scalarRange is the text of a scalar without its quotes. A null written as
// nothing is an empty range where the value would go.
func scalarRange(d *Doc, n *yaml.Node) syntax.Range {
	start := yamlOffset(d, n.Line, n.Column)
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
	if isNull(n) && n.Value == "" {
		return syntax.Range{Start: start, End: start}
	}
	if strings.HasPrefix(text[start:], n.Value) {
		return syntax.Range{Start: start, End: start + len(n.Value)}
	}
	// A plain scalar folded over several lines, or one written with a tag:
	// up to the end of its first line, before a comment.
	lines := d.lines()
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

// scalarValue turns a scalar node into a Value; key is the node of its key
// (the node itself for `build: path`).
func scalarValue(d *Doc, key, n *yaml.Node) Value {
	v := Value{Set: true, Range: scalarRange(d, n)}
	if !isNull(n) {
		v.Text = n.Value
	}
	v.Literal = !hasInterpolation(v.Text)
	v.Line = max(key.Line-1, 0)
	return v
}
