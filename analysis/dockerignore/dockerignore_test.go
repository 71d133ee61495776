package dockerignore

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
)

// walk writes files (each holding "x") under a new folder, with the
// .dockerignore text when not empty, and walks it as a build context.
func walk(t *testing.T, ignore string, files ...string) *buildcontext.Context {
	t.Helper()
	tree := map[string]string{}
	for _, f := range files {
		tree[f] = "x"
	}
	if ignore != "" {
		tree[".dockerignore"] = ignore
	}
	return analysistest.Context(t, tree)
}

func TestParse(t *testing.T) {
	text := "\uFEFF# comment\n  node_modules  \n\n!/keep/./me\r\n/abs/\n"
	var got []string
	for _, p := range Parse(text) {
		got = append(got, text[p.Range.Start:p.Range.End]+"="+map[bool]string{true: "!", false: ""}[p.Exception]+p.Pattern)
	}
	want := []string{"node_modules=node_modules", "!/keep/./me=!keep/me", "/abs/=abs"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestDiagnose(t *testing.T) {
	tests := []struct {
		name   string
		ignore string
		want   []string // rule:pattern
	}{
		{"fine", "node_modules\n*.log\n", nil},
		{"bad pattern", "node_modules\n[z-a\n", []string{"InvalidIgnorePattern:[z-a"}},
		{"lone exception", "!\n", []string{"InvalidIgnorePattern:!"}},
		{"star excludes everything", "*\n", []string{"IgnoreExcludesEverything:*"}},
		{"double star too", "**\n", []string{"IgnoreExcludesEverything:**"}},
		{"allowlist idiom excludes only the Dockerfile", "*\n!src\n", []string{"IgnoreExcludesDockerfile:*"}},
		{"excludes the Dockerfile", "Dockerfile\n", []string{"IgnoreExcludesDockerfile:Dockerfile"}},
		{"Dockerfile re-included", "Docker*\n!Dockerfile\n", nil},
		{"last pattern is named", "Dockerfile\n*file\n", []string{"IgnoreExcludesDockerfile:*file"}},
		{"comment is not a pattern", "# *\n", nil},
	}
	// Each rule's default severity, as its entry in RULES.md says.
	documented := map[string]analysis.Severity{}
	for _, d := range analysis.RuleDocs() {
		documented[d.Name] = d.Severity
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := walk(t, "", "Dockerfile", "src/main.go")
			var got []string
			for _, d := range Diagnose(tt.ignore, c, filepath.Join(c.Dir, "Dockerfile")) {
				got = append(got, d.Rule+":"+tt.ignore[d.Range.Start:d.Range.End])
				if d.Severity != documented[d.Rule] || d.URL != analysis.DocURL(d.Rule) {
					t.Errorf("%s: severity %v, URL %s; RULES.md says %v", d.Rule, d.Severity, d.URL, documented[d.Rule])
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHover(t *testing.T) {
	c := walk(t, "node_modules\n*.log\n", "a.log", "b.log", "src/c.log", "src/main.go", "node_modules/x/y.js")
	tests := []struct {
		name, text string
		off        int
		want       []string // substrings
	}{
		{"counts top-level matches", "*.log\n", 1, []string{"`*.log` excludes 2 files", "`a.log`", "`b.log`"}},
		{"double star reaches folders", "**/*.log\n", 1, []string{"excludes 3 files", "`src/c.log`"}},
		{"pruned folder", "node_modules\n", 1, []string{"0 files and 1 excluded folder not walked", "`node_modules/`"}},
		{"exception", "*.log\n!a.log\n", 8, []string{"`!a.log` re-includes 1 file", "earlier pattern"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, _, ok := Hover(tt.text, tt.off, c, true)
			if !ok {
				t.Fatal("no hover")
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("%q lacks %q", text, w)
				}
			}
		})
	}
	if _, _, ok := Hover("# comment\n", 3, c, true); ok {
		t.Error("hover on a comment")
	}
}

func TestComplete(t *testing.T) {
	c := walk(t, "secret\n", "go.mod", "secret", "src/main.go", "src/util/x.go")
	tests := []struct {
		name, text string // cursor at "|"
		want       []string
		replace    string
	}{
		{"root lists excluded paths too", "|", []string{".dockerignore", "go.mod", "secret", "src/"}, ""},
		{"prefix", "s|", []string{"secret", "src/"}, "s"},
		{"folder", "src/|", []string{"src/main.go", "src/util/"}, "src/"},
		{"after an exception mark", "!src/m|", []string{"src/main.go"}, "src/m"},
		{"leading slash", "/go|", []string{"go.mod"}, "go"},
		{"second line", "go.mod\nsr|", []string{"src/"}, "sr"},
		{"comment", "# s|", nil, ""},
		{"glob", "*.g|", nil, "*.g"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off := strings.Index(tt.text, "|")
			text := tt.text[:off] + tt.text[off+1:]
			items, r := Complete(text, off, c)
			var got []string
			for _, it := range items {
				got = append(got, it.Path)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.want != nil && text[r.Start:r.End] != tt.replace {
				t.Errorf("replaces %q, want %q", text[r.Start:r.End], tt.replace)
			}
		})
	}
}
