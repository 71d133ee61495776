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
