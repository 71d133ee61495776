package model

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/cache"
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

// fromKey keys BuildKit's reading of a FROM line in the engine's cache by its
// exact text, so an edit re-parses only the instructions it touched.
type fromKey struct {
	text   string
	escape byte
}

func semanticsOf(n syntax.Node, escape byte) fromSemantics {
	text := n.Text()
	return cache.Do(fromKey{text, escape}, 2*len(text)+64, func() fromSemantics { return parseFrom(text, escape) })
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
