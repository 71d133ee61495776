package navigate

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// varRef is one `$NAME`, `${NAME}` or `${NAME<op>word}` in the text: Range
// covers NAME only, which is what rename replaces and hover points at.
type varRef struct {
	Name  string
	Range syntax.Range
}

// scanMode says how quotes behave in the scanned text.
type scanMode int

const (
	// quoted text follows the shell and BuildKit's word lexer: nothing is
	// expanded inside single quotes.
	quoted scanMode = iota
	// verbatim text is a heredoc body fed as data: quotes are ordinary
	// characters and every $NAME expands.
	verbatim
)

// scanVarRefs appends the variable references in text[r.Start:r.End]. esc is
// the character that protects the next byte (the Dockerfile escape character).
// Comment lines inside continuations are skipped, as BuildKit drops them.
func scanVarRefs(out []varRef, text string, r syntax.Range, esc byte, mode scanMode) []varRef {
	end := min(r.End, len(text))
	inSingle, inDouble := false, false
	lineStart := true
	for i := max(r.Start, 0); i < end; i++ {
		c := text[i]
		if lineStart && mode == quoted && i > r.Start {
			// A comment line between continuation lines is not part of the instruction.
			j := i
			for j < end && (text[j] == ' ' || text[j] == '\t') {
				j++
			}
			if j < end && text[j] == '#' {
				for j < end && text[j] != '\n' && text[j] != '\r' {
					j++
				}
				i = j - 1
				lineStart = false
				continue
			}
		}
		lineStart = c == '\n' || c == '\r'
		switch {
		case c == esc && !inSingle && mode == quoted:
			i++ // protects the next byte (or joins a continuation line)
			if i < end && (text[i] == '\n' || text[i] == '\r') {
				if text[i] == '\r' && i+1 < end && text[i+1] == '\n' {
					i++
				}
				lineStart = true
			}
		case c == '\'' && !inDouble && mode == quoted:
			inSingle = !inSingle
		case c == '"' && !inSingle && mode == quoted:
			inDouble = !inDouble
		case c == '$' && !inSingle && i+1 < end:
			n := text[i+1]
			if n == '{' {
				j := i + 2
				if j < end && text[j] == '#' && j+1 < end && isNameStart(text[j+1]) {
					j++ // ${#NAME}: the length of NAME
				}
				k := nameEnd(text, j, end)
				if k > j {
					out = append(out, varRef{Name: text[j:k], Range: syntax.Range{Start: j, End: k}})
				}
				// The rest (operator and word) is scanned on: a word may hold
				// further references, as in ${A:-$B}.
				i = k - 1
			} else if isNameStart(n) {
				k := nameEnd(text, i+1, end)
				if k-i == 4 && strings.EqualFold(text[i+1:k], "env") && k+1 < end && text[k] == ':' && isNameStart(text[k+1]) {
					// PowerShell's $env:NAME reads the environment variable NAME.
					j := nameEnd(text, k+1, end)
					out = append(out, varRef{Name: text[k+1 : j], Range: syntax.Range{Start: k + 1, End: j}})
					i = j - 1
					continue
				}
				out = append(out, varRef{Name: text[i+1 : k], Range: syntax.Range{Start: i + 1, End: k}})
				i = k - 1
			}
		}
	}
	return out
}

func nameEnd(text string, i, end int) int {
	if i >= end || !isNameStart(text[i]) {
		return i
	}
	i++
	for i < end && isNameByte(text[i]) {
		i++
	}
	return i
}

func isNameStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isNameByte(c byte) bool  { return isNameStart(c) || c >= '0' && c <= '9' }

// State is what is known of a variable at some point of the build.
type State int

const (
	// Open: the value is decided at build time (a --build-arg, a predefined
	// platform argument, the base image's environment). It stays as written.
	Open State = iota
	// Unset: declared without a value and nothing sets it by default.
	Unset
	// Set: the value is known.
	Set
)

// Lookup tells the value and state of a variable.
type Lookup func(name string) (value string, state State)

// Expand substitutes $NAME, ${NAME} and ${NAME<op>word} (the operators
// :- - :+ + :? ?) in s using lookup, as BuildKit's word expansion would with
// default build arguments. Open variables are kept as written so the result
// shows what the build decides. Nesting is bounded.
func Expand(s string, lookup Lookup) string {
	return expand(s, lookup, 0)
}

func expand(s string, lookup Lookup, depth int) string {
	if depth > 8 {
		return s
	}
	var out []byte
	inSingle := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\'' {
			inSingle = !inSingle
		}
		if c != '$' || inSingle || i+1 >= len(s) {
			out = append(out, c)
			continue
		}
		if s[i+1] == '{' {
			close := matchingBrace(s, i+1)
			if close < 0 {
				out = append(out, s[i:]...)
				break
			}
			out = append(out, expandBraced(s[i:close+1], s[i+2:close], lookup, depth)...)
			i = close
			continue
		}
		k := nameEnd(s, i+1, len(s))
		if k == i+1 {
			out = append(out, c)
			continue
		}
		switch v, st := lookup(s[i+1 : k]); st {
		case Set:
			out = append(out, v...)
		case Open:
			out = append(out, s[i:k]...)
		}
		i = k - 1
	}
	return string(out)
}

// matchingBrace finds the '}' closing the '{' at open, counting nested braces.
func matchingBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func expandBraced(raw, expr string, lookup Lookup, depth int) string {
	k := nameEnd(expr, 0, len(expr))
	if k == 0 {
		return raw
	}
	name, rest := expr[:k], expr[k:]
	val, st := lookup(name)
	if st == Open {
		return raw
	}
	if rest == "" {
		return val
	}
	word := func(op string) string { return expand(rest[len(op):], lookup, depth+1) }
	for _, op := range []string{":-", ":+", ":?", "-", "+", "?"} {
		if len(rest) < len(op) || rest[:len(op)] != op {
			continue
		}
		switch op {
		case ":-":
			if val == "" {
				return word(op)
			}
		case "-":
			if st == Unset {
				return word(op)
			}
		case ":+":
			if val != "" {
				return word(op)
			}
			return ""
		case "+":
			if st == Set {
				return word(op)
			}
			return ""
		}
		return val
	}
	return raw // pattern operators (#, %, /) are left to the build
}
