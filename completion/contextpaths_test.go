package completion

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// contextTree writes a build context: files (each holding "x"), and a
// .dockerignore.
func contextTree(t *testing.T, ignore string, files ...string) *buildcontext.Context {
	t.Helper()
	tree := map[string]string{".dockerignore": ignore}
	for _, f := range files {
		tree[f] = "x"
	}
	return analysistest.Context(t, tree)
}

func TestCopyPathCompletion(t *testing.T) {
	bc := contextTree(t, "secret.txt\nnode_modules\n",
		"go.mod", "go.sum", "main.go", "secret.txt", "cmd/app/main.go", "cmd/tool.go", "node_modules/x/index.js", "web/index.html")
	tests := []struct {
		name    string
		input   string
		want    []string // the path items (files and folders), in order
		replace string
	}{
		{"first source lists the root", "FROM alpine\nCOPY <|>", []string{".dockerignore", "cmd/", "go.mod", "go.sum", "main.go", "web/"}, ""},
		{"prefix filters", "FROM alpine\nCOPY go<|>", []string{"go.mod", "go.sum"}, "go"},
		{"folder lists its children", "FROM alpine\nCOPY cmd/<|>", []string{"cmd/app/", "cmd/tool.go"}, "cmd/"},
		{"dot slash is the root", "FROM alpine\nCOPY ./ma<|>", []string{"./main.go"}, "./ma"},
		{"excluded paths are left out", "FROM alpine\nCOPY se<|>", nil, "se"},
		{"excluded folder is left out", "FROM alpine\nCOPY node<|>", nil, "node"},
		{"word under the cursor is replaced", "FROM alpine\nCOPY cmd/to<|>ol /app/", []string{"cmd/tool.go"}, "cmd/tool"},
		{"destination: workdir and earlier destinations first", "FROM alpine\nWORKDIR /src\nCOPY go.mod ./\nCOPY main.go <|>",
			[]string{"/src/", ".dockerignore", "cmd/", "go.mod", "go.sum", "main.go", "web/"}, ""},
		{"destination filtered", "FROM alpine\nWORKDIR /src\nCOPY go.mod /cache/\nCOPY main.go /c<|>", []string{"/cache/", "/cmd/"}, "/c"},
		{"destinations of other stages are not offered", "FROM alpine\nCOPY a /other/\nFROM alpine\nWORKDIR /w\nCOPY b /<|>", []string{"/w/", "/.dockerignore", "/cmd/", "/go.mod", "/go.sum", "/main.go", "/web/"}, "/"},
		{"no context paths after --from", "FROM alpine AS b\nFROM alpine\nWORKDIR /w\nCOPY --from=b /x <|>", []string{"/w/"}, ""},
		{"variables are not paths", "FROM alpine\nCOPY $<|>", nil, "$"},
		{"json first source", "FROM alpine\nCOPY [\"go<|>\", \"/app/\"]", []string{"go.mod", "go.sum"}, "go"},
		{"json destination", "FROM alpine\nWORKDIR /w\nCOPY [\"go.mod\", \"<|>\"]", []string{"/w/", ".dockerignore", "cmd/", "go.mod", "go.sum", "main.go", "web/"}, ""},
		{"json with brackets closed by the editor", "FROM alpine\nADD [\"cmd/a<|>\"]", []string{"cmd/app/"}, "cmd/a"},
		{"other instructions get no paths", "FROM alpine\nRUN <|>", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off := strings.Index(tt.input, cursor)
			text := tt.input[:off] + tt.input[off+len(cursor):]
			res := CompleteIn(model.Build(syntax.Parse(text)), off, Env{BuildContext: func() *buildcontext.Context { return bc }})
			// The client sorts by SortText.
			sorted := slices.Clone(res.Items)
			slices.SortStableFunc(sorted, func(a, b Item) int { return strings.Compare(a.SortText, b.SortText) })
			var got []string
			for _, it := range sorted {
				if it.Kind == KindFile || it.Kind == KindFolder {
					got = append(got, it.Label)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if len(tt.want) > 0 {
				if r := text[res.Replace.Start:res.Replace.End]; r != tt.replace {
					t.Errorf("replaces %q, want %q", r, tt.replace)
				}
			}
		})
	}
}

// TestCopyPathsWithoutContext checks that without a context only the
// destinations come, and nothing waits for a walk elsewhere.
func TestCopyPathsWithoutContext(t *testing.T) {
	called := false
	env := Env{BuildContext: func() *buildcontext.Context { called = true; return nil }}
	text := "FROM alpine\nRUN tr"
	CompleteIn(model.Build(syntax.Parse(text)), len(text), env)
	if called {
		t.Error("the build context was asked for outside COPY/ADD")
	}
}
