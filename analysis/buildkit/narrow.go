package buildkit

import (
	"strconv"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// narrow finds the word a BuildKit warning is about inside the instruction n
// it was reported on; when nothing narrower is found it returns the
// instruction's first line.
func narrow(f *syntax.File, n syntax.Node, w finding) syntax.Range {
	args := n.Args()
	switch w.Rule {
	case linter.RuleStageNameCasing.Name:
		if len(args) >= 3 && strings.EqualFold(args[1].Value, "AS") {
			return args[2].Range
		}
	case linter.RuleFromAsCasing.Name:
		if len(args) >= 2 && strings.EqualFold(args[1].Value, "AS") {
			return args[1].Range
		}
	case linter.RuleConsistentInstructionCasing.Name,
		linter.RuleMaintainerDeprecated.Name,
		linter.RuleMultipleInstructionsDisallowed.Name:
		return n.Keyword().Range
	case linter.RuleJSONArgsRecommended.Name, linter.RuleWorkdirRelativePath.Name:
		if r := n.ArgsRange(); r.Len() > 0 {
			return trimRange(f, r)
		}
	case linter.RuleLegacyKeyValueFormat.Name:
		if len(args) > 0 {
			return args[0].Range
		}
	case linter.RuleNoEmptyContinuation.Name:
		if r, ok := emptyContinuation(f, n); ok {
			return r
		}
	case linter.RuleUndefinedVar.Name, linter.RuleUndefinedArgInFrom.Name:
		if name, ok := quoted(w.Detail, '\''); ok {
			if r, ok := varRange(f, n, strings.TrimPrefix(name, "$")); ok {
				return r
			}
		}
	case linter.RuleRedundantTargetPlatform.Name,
		linter.RuleFromPlatformFlagConstDisallowed.Name,
		linter.RuleInvalidBaseImagePlatform.Name:
		if fl, ok := n.Flag("platform"); ok && fl.ValueRange.Len() > 0 {
			return fl.ValueRange
		}
		if len(args) > 0 {
			return args[0].Range
		}
	case linter.RuleInvalidDefaultArgInFrom.Name:
		if len(args) > 0 {
			return args[0].Range
		}
	case linter.RuleSecretsUsedInArgOrEnv.Name:
		if key, ok := quoted(w.Detail, '"'); ok {
			if r, ok := keyRange(f, n, key); ok {
				return r
			}
		}
	case linter.RuleCopyIgnoredFile.Name:
		if file, ok := quoted(w.Detail, '"'); ok {
			for _, a := range args {
				if a.Value == file || strings.TrimPrefix(a.Value, "./") == file {
					return a.Range
				}
			}
		}
		// BuildKit names the source expanded: the one source with a
		// variable is the one it means.
		var withVar []syntax.Word
		for _, a := range args[:max(len(args)-1, 0)] {
			if strings.Contains(a.Value, "$") {
				withVar = append(withVar, a)
			}
		}
		if len(withVar) == 1 {
			return withVar[0].Range
		}
	case linter.RuleExposeProtoCasing.Name, linter.RuleExposeInvalidFormat.Name:
		if port, ok := quoted(w.Detail, '\''); ok {
			for _, a := range args {
				if a.Value == port {
					return a.Range
				}
			}
		}
	case linter.RuleInvalidDefinitionDescription.Name:
		// The comment above the instruction is what does not fit the format.
		lines := f.Lines()
		if line, _ := lines.Position(n.Keyword().Range.Start); line > 0 {
			if t := strings.TrimSpace(lines.LineText(line - 1)); strings.HasPrefix(t, "#") {
				return trimRange(f, syntax.Range{Start: lines.LineStart(line - 1), End: lines.LineEnd(line - 1)})
			}
		}
		return n.Keyword().Range
	}
	return firstLine(f, n)
}

// firstLine spans the instruction's first line from the keyword, without
// trailing blanks or a trailing line continuation.
func firstLine(f *syntax.File, n syntax.Node) syntax.Range {
	start := n.Keyword().Range.Start
	lines := f.Lines()
	line, _ := lines.Position(start)
	r := trimRange(f, syntax.Range{Start: start, End: min(lines.LineEnd(line), n.Range().End)})
	if r.End > r.Start && f.Text[r.End-1] == f.Escape {
		r = trimRange(f, syntax.Range{Start: r.Start, End: r.End - 1})
	}
	if r.Len() == 0 {
		return n.Keyword().Range
	}
	return r
}

// trimRange drops blanks at both ends of r.
func trimRange(f *syntax.File, r syntax.Range) syntax.Range {
	isBlank := func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
	for r.End > r.Start && isBlank(f.Text[r.End-1]) {
		r.End--
	}
	for r.Start < r.End && isBlank(f.Text[r.Start]) {
		r.Start++
	}
	return r
}

// quoted returns the last q-quoted string of a BuildKit message: the
// variable, key or port the message is about (BuildKit's formats put it last
// or alone).
func quoted(msg string, q byte) (string, bool) {
	if q == '"' {
		// Written with %q: unquote properly.
		for i := len(msg) - 1; i >= 0; i-- {
			if msg[i] != '"' {
				continue
			}
			for j := i - 1; j >= 0; j-- {
				if msg[j] == '"' && (j == 0 || msg[j-1] != '\\') {
					if s, err := strconv.Unquote(msg[j : i+1]); err == nil {
						return s, true
					}
					break
				}
			}
			break
		}
		return "", false
	}
	end := strings.LastIndexByte(msg, q)
	if end <= 0 {
		return "", false
	}
	start := strings.LastIndexByte(msg[:end], q)
	if start < 0 {
		return "", false
	}
	return msg[start+1 : end], true
}

// varRef is one $NAME or ${NAME...} in a text, with byte offsets into it.
type varRef struct {
	name       string
	start, end int
}

// varRefs lists the variable references of s. ${NAME:-default} spans up to
// its closing brace (nested braces are counted); an unclosed one ends after
// the name.
func varRefs(s string) []varRef {
	var out []varRef
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 >= len(s) {
			continue
		}
		if s[i+1] == '{' {
			j := i + 2
			for j < len(s) && isNameByte(s[j], j == i+2) {
				j++
			}
			if j == i+2 {
				continue
			}
			end := j
			depth := 1
			for k := j; k < len(s); k++ {
				if s[k] == '{' {
					depth++
				} else if s[k] == '}' {
					if depth--; depth == 0 {
						end = k + 1
						break
					}
				} else if s[k] == '\n' {
					break
				}
			}
			out = append(out, varRef{name: s[i+2 : j], start: i, end: end})
			i = j - 1
			continue
		}
		j := i + 1
		for j < len(s) && isNameByte(s[j], j == i+1) {
			j++
		}
		if j > i+1 {
			out = append(out, varRef{name: s[i+1 : j], start: i, end: j})
			i = j - 1
		}
	}
	return out
}

func isNameByte(c byte, first bool) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || !first && '0' <= c && c <= '9'
}

// varRange finds the first reference to name after n's keyword.
func varRange(f *syntax.File, n syntax.Node, name string) (syntax.Range, bool) {
	from := n.Keyword().Range.End
	text := f.Text[from:n.Range().End]
	for _, ref := range varRefs(text) {
		if ref.name != name {
			continue
		}
		if ref.start > 0 && text[ref.start-1] == f.Escape {
			continue // an escaped \$NAME is literal text
		}
		return syntax.Range{Start: from + ref.start, End: from + ref.end}, true
	}
	return syntax.Range{}, false
}

// keyRange finds the name of the ARG or ENV key in n's arguments.
func keyRange(f *syntax.File, n syntax.Node, key string) (syntax.Range, bool) {
	for _, a := range n.Args() {
		name, _, _ := strings.Cut(a.Value, "=")
		if name != key {
			continue
		}
		r := a.Range
		if strings.HasPrefix(f.Text[r.Start:r.End], key) {
			r.End = r.Start + len(key)
		}
		return r, true
	}
	return syntax.Range{}, false
}

// emptyContinuation finds the first empty line inside a continued
// instruction: the line continuation before it and the empty line itself.
func emptyContinuation(f *syntax.File, n syntax.Node) (syntax.Range, bool) {
	lines := f.Lines()
	first, _ := lines.Position(n.Keyword().Range.Start)
	last, _ := lines.Position(n.Range().End)
	heredocs := n.Heredocs()
	for l := first + 1; l <= last; l++ {
		start := lines.LineStart(l)
		if strings.TrimSpace(lines.LineText(l)) != "" {
			continue
		}
		inBody := false
		for _, h := range heredocs {
			if h.Body.Start <= start && start < h.Body.End || h.Marker.End <= start && !h.Terminated {
				inBody = true
			}
		}
		if inBody {
			continue
		}
		r := syntax.Range{Start: start, End: lines.LineEnd(l)}
		// Start at the line continuation that leads here, across comment
		// lines (BuildKit skips those inside an instruction).
		for p := l - 1; p >= first; p-- {
			prev := trimRange(f, syntax.Range{Start: lines.LineStart(p), End: lines.LineEnd(p)})
			if t := f.Text[prev.Start:prev.End]; t == "" || strings.HasPrefix(t, "#") {
				continue
			}
			if f.Text[prev.End-1] == f.Escape {
				r.Start = prev.End - 1
			}
			break
		}
		return r, true
	}
	return syntax.Range{}, false
}

// legacyKeyValueFix rewrites `ENV key value` (or LABEL) as `ENV key=value`
// when the value's meaning cannot change: a single word, or several words
// without quotes or escapes, which are then double-quoted (BuildKit keeps the
// legacy value's inner whitespace, and expands $VAR inside double quotes just
// as outside). A value spread over lines is left to the user.
func legacyKeyValueFix(n syntax.Node) []analysis.Fix {
	cmd := n.Command()
	args := n.Args()
	if cmd != "ENV" && cmd != "LABEL" || len(args) < 2 || strings.Contains(args[0].Value, "=") {
		return nil
	}
	text := n.Text()
	rel := func(off int) int { return off - n.Offset }
	key := args[0]
	gap := text[rel(key.Range.End):rel(args[1].Range.Start)]
	value := text[rel(args[1].Range.Start):rel(args[len(args)-1].Range.End)]
	if strings.ContainsAny(gap, "\r\n") || strings.ContainsAny(value, "\r\n") {
		return nil
	}
	title := cmd + " " + key.Value + "=… (key=value format)"
	if len(args) == 2 {
		return []analysis.Fix{{Title: "Use " + title, Preferred: true, Edits: []analysis.Edit{
			{Range: syntax.Range{Start: key.Range.End, End: args[1].Range.Start}, NewText: "="},
		}}}
	}
	if strings.ContainsAny(value, "\"'\\`") {
		return nil
	}
	return []analysis.Fix{{Title: "Use " + title, Preferred: true, Edits: []analysis.Edit{
		{Range: syntax.Range{Start: key.Range.End, End: args[len(args)-1].Range.End}, NewText: "=\"" + value + "\""},
	}}}
}
