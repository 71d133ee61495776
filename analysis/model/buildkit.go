package model

import (
	"strings"
	"sync"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// fromSemantics is what BuildKit itself reads from a FROM line. BuildKit is
// the authority on meaning; the scanner supplies positions and covers lines
// BuildKit cannot parse yet (half-typed ones).
type fromSemantics struct {
	ok        bool
	base      string
	stageName string
}

// parsedInstructions caches BuildKit's reading of an instruction by its exact
// text, so an edit re-parses only the instructions it touched.
var parsedInstructions = struct {
	sync.Mutex
	m map[string]fromSemantics
}{m: map[string]fromSemantics{}}

// maxParsedInstructions bounds the cache; it is simply reset when full, which
// costs one re-parse per live instruction.
const maxParsedInstructions = 20000

func semanticsOf(n syntax.Node, escape byte) fromSemantics {
	key := string(escape) + n.Text()
	parsedInstructions.Lock()
	sem, hit := parsedInstructions.m[key]
	parsedInstructions.Unlock()
	if hit {
		return sem
	}
	sem = parseFrom(n.Text(), escape)
	parsedInstructions.Lock()
	if len(parsedInstructions.m) >= maxParsedInstructions {
		parsedInstructions.m = map[string]fromSemantics{}
	}
	parsedInstructions.m[key] = sem
	parsedInstructions.Unlock()
	return sem
}

func parseFrom(text string, escape byte) (sem fromSemantics) {
	defer func() {
		// BuildKit's parser is not ours to trust with garbage: a panic must
		// only cost us its opinion, never the model.
		if recover() != nil {
			sem = fromSemantics{}
		}
	}()
	src := text
	if escape == '`' {
		src = "# escape=`\n" + text
	}
	res, err := parser.Parse(strings.NewReader(src))
	if err != nil || len(res.AST.Children) != 1 {
		return fromSemantics{}
	}
	v, err := instructions.ParseInstruction(res.AST.Children[0])
	if err != nil {
		return fromSemantics{}
	}
	st, ok := v.(*instructions.Stage)
	if !ok {
		return fromSemantics{}
	}
	return fromSemantics{ok: true, base: st.BaseName, stageName: st.Name}
}
