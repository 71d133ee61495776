package shell

import (
	"reflect"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// A RUN that an edit above it moved is served from the parse of its text
// at the old place, shifted: it must be exactly what parsing it in its new
// place gives, for every RUN of both corpora (heredocs, sh -c strings, exec
// form and continuations included) and for a few shapes written here.
func TestMovedParseIsParse(t *testing.T) {
	texts := []string{
		"FROM alpine\nRUN apk add --no-cache curl && \\\n    curl -o /x https://e.com # c\n",
		"FROM alpine\nRUN <<EOF\nset -e\napk add git\nEOF\n",
		"FROM alpine\nRUN python3 <<PY > /out\nprint(1)\nPY\n",
		"FROM alpine\nRUN <<-EOF sh -c 'echo \"$1\"' x\n\tunterminated\n",
		"FROM alpine\nRUN [\"sh\", \"-c\", \"cd /app && make \\\"all\\\"\"]\n",
		"FROM alpine\nRUN sh -c 'mkdir -p /a && cp x /a/' && echo `date` >/dev/null 2>&1\n",
	}
	for _, set := range []string{"real", "naive"} {
		for _, file := range corpus.Files(t, set) {
			texts = append(texts, corpus.Read(t, file))
		}
	}
	runs := 0
	for _, text := range texts {
		before := syntax.Parse(text)
		after := syntax.Parse("# an edit above\n\n" + text)
		old, moved := before.Instructions(), after.Instructions()
		for i, n := range moved {
			if n.Command() != "RUN" || i < len(moved)-len(old) {
				continue
			}
			Parse(old[i-(len(moved)-len(old))]) // the parse of the text in its old place
			if got, want := Parse(n), parse(n); !reflect.DeepEqual(got, want) {
				t.Fatalf("RUN at %d of %.60q, moved:\n%+v\nparsed in place:\n%+v", n.Offset, text, got, want)
			}
			runs++
		}
	}
	if runs < 100 {
		t.Fatalf("only %d RUNs compared", runs)
	}
}
