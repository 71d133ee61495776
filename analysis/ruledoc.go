package analysis

import (
	_ "embed"
	"strings"
	"sync"
)

// rulesMD is the one text of every rule's documentation. It lives beside
// the rules (analysis/rules/RULES.md, the page DocURL links to) and is read
// here because rules are reported from several packages (rules, buildkit,
// targets, dockerignore), which all know this one.
//
//go:embed rules/RULES.md
var rulesMD string

// RuleDoc is a rule's entry in RULES.md: a `### Name` heading, an italic
// line that starts with the default severity ("*Warning for …; hint for
// …*"), then the paragraphs that explain it.
type RuleDoc struct {
	Name     string
	Severity Severity // the first word of the italic line; Off when it is missing
	// Doc is the first paragraph after the italic line, its lines joined:
	// what the rule finds and why it matters, in Markdown (inline code).
	Doc string
}

// ruleDocs reads RULES.md on first use, not at start: a server that never
// describes a rule does not pay for it.
var ruleDocs = sync.OnceValue(func() []RuleDoc { return parseRuleDocs(rulesMD) })

// RuleDocs lists the entries of RULES.md in file order.
func RuleDocs() []RuleDoc { return ruleDocs() }

// DocOf is the first paragraph of a rule's entry in RULES.md; empty for a
// rule it does not document (BuildKit's own checks).
func DocOf(rule string) string {
	for _, d := range ruleDocs() {
		if d.Name == rule {
			return d.Doc
		}
	}
	return ""
}

// parseRuleDocs reads the `### ` sections of a RULES.md text.
func parseRuleDocs(md string) []RuleDoc {
	var out []RuleDoc
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		name, ok := strings.CutPrefix(lines[i], "### ")
		if !ok {
			continue
		}
		d := RuleDoc{Name: strings.TrimSpace(name)}
		i = skipBlank(lines, i+1)
		if i < len(lines) && isItalicLine(lines[i]) {
			word, _, _ := strings.Cut(strings.Trim(lines[i], "* "), " ")
			d.Severity, _ = ParseSeverity(strings.ToLower(strings.TrimRight(word, ".,;")))
			i = skipBlank(lines, i+1)
		}
		var para []string
		for ; i < len(lines) && strings.TrimSpace(lines[i]) != "" && !strings.HasPrefix(lines[i], "#") && !strings.HasPrefix(lines[i], "```"); i++ {
			para = append(para, strings.TrimSpace(lines[i]))
		}
		d.Doc = strings.Join(para, " ")
		out = append(out, d)
		i-- // the loop looks at the line that ended the paragraph again
	}
	return out
}

func skipBlank(lines []string, i int) int {
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	return i
}

// isItalicLine reports whether a line is one *emphasised* sentence (not a
// "* " list item).
func isItalicLine(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) > 2 && s[0] == '*' && s[1] != ' ' && s[1] != '*' && strings.HasSuffix(s, "*")
}
