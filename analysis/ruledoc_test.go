package analysis

import (
	"reflect"
	"testing"
)

func TestParseRuleDocs(t *testing.T) {
	for _, tc := range []struct {
		name, md string
		want     []RuleDoc
	}{
		{"severity line, paragraph joined", "# T\n\n### A\n*Warning for x; hint for y.*\n\nFirst `line`\nsecond line.\n\nMore.\n",
			[]RuleDoc{{"A", Warning, "First `line` second line."}}},
		{"one word with a period", "### A\n*Error.*\n\nText.\n### B\n*Information when z.*\n\nOther.\n",
			[]RuleDoc{{"A", Error, "Text."}, {"B", Information, "Other."}}},
		{"no severity line", "### A\n\nText.\n", []RuleDoc{{"A", Off, "Text."}}},
		{"a list is no severity line", "### A\n* item\n", []RuleDoc{{"A", Off, "* item"}}},
		{"code block ends the paragraph", "### A\n*Hint.*\nText\n```\nFROM x\n```\n", []RuleDoc{{"A", Hint, "Text"}}},
		{"no paragraph", "### A\n*Error.*\n\n### B\n*Hint.*\n\nB text.\n", []RuleDoc{{"A", Error, ""}, {"B", Hint, "B text."}}},
		{"CRLF", "### A\r\n*Warning.*\r\n\r\nText\r\nmore.\r\n", []RuleDoc{{"A", Warning, "Text more."}}},
	} {
		if got := parseRuleDocs(tc.md); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

// BenchmarkRuleDocs is the one-time cost of reading RULES.md, paid by the
// first request that describes a rule, not at start.
func BenchmarkRuleDocs(b *testing.B) {
	for b.Loop() {
		parseRuleDocs(rulesMD)
	}
}
