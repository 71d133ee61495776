package shell

import (
	"reflect"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// A RUN's parse does not depend on where the RUN stands: parsing it in
// place after an edit above it moved it gives exactly the parse of its old
// place, which Parse returns (the same value), for every RUN of both
// corpora (heredocs, sh -c strings, exec form and continuations included)
// and for a few shapes written here. A file offset leaking into the parse
// would make them differ.
func TestParseIsPositionIndependent(t *testing.T) {
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
			first := Parse(old[i-(len(moved)-len(old))]) // the parse of the text in its old place
			if got := Parse(n); got != first {
				t.Fatalf("RUN at %d of %.60q: moved, it was parsed again", n.Offset, text)
			}
			if got := parse(n); !reflect.DeepEqual(got, first) {
				t.Fatalf("RUN at %d of %.60q, parsed in place:\n%+v\nparsed in its old place:\n%+v", n.Offset, text, got, first)
			}
			runs++
		}
	}
	if runs < 100 {
		t.Fatalf("only %d RUNs compared", runs)
	}
}
