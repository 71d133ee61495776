package links

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

func TestContextFiles(t *testing.T) {
	c := analysistest.Context(t, map[string]string{"go.mod": "", "secret.txt": "", "src/main.go": "", ".dockerignore": "secret.txt\n"})
	dir := c.Dir
	text := "FROM golang AS build\n" +
		"COPY go.mod ./src/main.go missing.go /app/\n" + // two files, one missing
		"COPY src/ secret.txt *.go /x/\n" + // a folder, an excluded file, a glob
		"COPY --from=build /go.mod /y\n" + // another stage
		"ADD [\"go.mod\", \"/z\"]\n" + // JSON form
		"ONBUILD COPY go.mod /w\n" // another build's context
	var got []string
	for _, l := range ContextFiles(model.Build(syntax.Parse(text)), c) {
		got = append(got, text[l.Range.Start:l.Range.End]+"→"+l.Path)
	}
	want := []string{
		"go.mod→" + filepath.Join(dir, "go.mod"),
		"./src/main.go→" + filepath.Join(dir, "src", "main.go"),
		"\"go.mod\"→" + filepath.Join(dir, "go.mod"),
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if ContextFiles(model.Build(syntax.Parse(text)), nil) != nil {
		t.Error("links without a context")
	}
}
