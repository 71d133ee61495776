package syntax_test

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// startLines is the 1-based line, counted in "\n"s as BuildKit counts them,
// where each instruction of f starts.
func startLines(f *syntax.File) []int {
	var out []int
	line, at := 1, 0
	for _, n := range f.Instructions() {
		line += strings.Count(f.Text[at:n.Offset], "\n")
		at = n.Offset
		out = append(out, line)
	}
	return out
}

// buildkitStartLines is where BuildKit's parser starts each instruction of
// text; ok is false when it rejects the text (an unterminated heredoc, a
// repeated directive), where there is nothing to compare.
func buildkitStartLines(text string) (lines []int, ok bool) {
	res, err := parser.Parse(strings.NewReader(text))
	if err != nil {
		return nil, false
	}
	for _, n := range res.AST.Children {
		lines = append(lines, n.StartLine)
	}
	return lines, true
}

// boundaryDivergence compares the scanner's instruction boundaries with
// BuildKit's, or says nothing when they agree or BuildKit fails.
func boundaryDivergence(text string) string {
	want, ok := buildkitStartLines(text)
	if !ok {
		return ""
	}
	if got := startLines(syntax.Parse(text)); !reflect.DeepEqual(got, want) {
		return fmt.Sprintf("%q: instructions start on lines %v, BuildKit's on %v", text, got, want)
	}
	return ""
}

func TestBoundariesMatchBuildKit(t *testing.T) {
	tests := []string{
		"RUN echo hello \\\\\nRUN echo next\n",
		"RUN echo hello \\\\\\\nRUN echo next\n",
		"RUN a \\\n  \\\\\nRUN b\n",
		"FROM a\rRUN b\rCMD c\n",
		"RUN a \\\r\r\n b\r\nCMD c\r",
		"RUN a \\\r \nCMD c\n",
		"# escape=`\nRUN a ``\nRUN b `\n c\n",
		"  \\\nRUN b\n",
		"RUN a \\\n\u00a0\v\n b\nCMD c\n",
		"\v\nRUN a\n\u00a0# c\nCMD c\n",
		"RUN\r<<EOF\nFROM x\nEOF\nCMD c\n",
		"ONBUILD RUN <<EOF\nFROM x\nEOF\nCMD c\n",
		"RUN apk update && \\\n    # add curl\n    apk add curl\n",
		"RUN a\\\n#\nb",
		"\xef\xbb\xbf# escape=`\r\nRUN a `\r\n b\r\n",
	}
	for _, text := range tests {
		if _, ok := buildkitStartLines(text); !ok {
			t.Errorf("BuildKit rejects %q: the case compares nothing", text)
		}
		if d := boundaryDivergence(text); d != "" {
			t.Error(d)
		}
	}
}

// TestBoundariesMatchBuildKitOnCorpusAndGenerated is the differential test
// of the scanner: on both corpora and on generated documents, instructions
// start where BuildKit's parser starts them.
func TestBoundariesMatchBuildKitOnCorpusAndGenerated(t *testing.T) {
	for _, set := range []string{"real", "naive"} {
		for _, path := range corpus.Files(t, set) {
			if d := boundaryDivergence(corpus.Read(t, path)); d != "" {
				t.Errorf("%s: %s", path, d)
			}
		}
	}
	docs := 10000
	if testing.Short() {
		docs = 1000
	}
	r := rand.New(rand.NewSource(3))
	compared := 0
	for range docs {
		text := randomDocument(r)
		if _, ok := buildkitStartLines(text); ok {
			compared++
		}
		if d := boundaryDivergence(text); d != "" {
			t.Fatal(d)
		}
	}
	t.Logf("%d of %d generated documents parsed by BuildKit and compared", compared, docs)
}
