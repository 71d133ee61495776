// Package refactor holds the stage refactorings the server offers as code
// actions and the CLI runs as `dockerfile-lsp fix`: splitting a single-stage
// Dockerfile into build and runtime stages, naming a stage, adding a test
// stage, extracting instructions into a new stage and switching the final
// stage to a runtime image. Like the rest of analysis/, it knows nothing of
// LSP: an Action is a title, a kind and byte-range edits.
//
// The rewrites keep the user's bytes (comments, continuations, heredocs,
// CRLF) and only add, move or duplicate whole lines; a line that is no
// longer needed is turned into a comment that says why, never silently
// dropped. Files: refactor.go (API), split.go (when the split applies),
// facts.go (what a stage does), recipes.go and recipe_*.go (one build kind
// each), plan.go (a recipe's decisions), assemble.go (plan to text),
// packages.go (run-time packages), text.go (edits), and one file per other
// action.
package refactor

import (
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Code action kinds, spelled as LSP spells them.
const (
	KindQuickFix = "quickfix"
	KindRewrite  = "refactor.rewrite"
	KindExtract  = "refactor.extract"
)

// Action is one refactoring offered at a selection.
type Action struct {
	// ID names the action among those offered for the same file and
	// selection, so that a lazily offered action can be resolved later
	// (codeAction/resolve): "split", "name-stage:2", "test-stage", ...
	ID        string
	Title     string
	Kind      string
	Preferred bool
	// Edits turn the file into the refactored one: sorted, non-overlapping.
	// Nil for an action returned by Offered until it is resolved.
	Edits []analysis.Edit
	// Placeholders mark text in the new text the user has to fill in (the
	// artifact path of the generic split); a client with snippet support
	// can put the cursor there.
	Placeholders []Placeholder

	compute func() ([]analysis.Edit, []Placeholder)
}

// Placeholder is a span of Edits[Edit].NewText, in bytes.
type Placeholder struct {
	Edit       int
	Start, End int
}

// provider offers actions for a selection; their edits are computed by the
// action's compute function, only when asked for.
type provider func(q *query) []Action

var providers = []provider{
	splitActions,
	useRuntimeImageActions,
	nameStageActions,
	testStageActions,
	extractActions,
	cacheMountActions,
	bindManifestsActions,
}

// query is what every provider reads: one snapshot and the selection.
type query struct {
	f   *syntax.File
	m   *model.Model
	sel syntax.Range
}

// Offered lists the actions available at sel without computing their
// edits; Resolve computes one of them. Offered is what a server answers
// when the client can resolve code actions.
func Offered(f *syntax.File, m *model.Model, sel syntax.Range) []Action {
	if m == nil {
		m = model.Of(f)
	}
	q := &query{f: f, m: m, sel: sel}
	var out []Action
	for _, p := range providers {
		out = append(out, p(q)...)
	}
	return out
}

// Actions lists the actions available at sel with their edits.
func Actions(f *syntax.File, m *model.Model, sel syntax.Range) []Action {
	acts := Offered(f, m, sel)
	out := acts[:0]
	for _, a := range acts {
		if a.resolve() {
			out = append(out, a)
		}
	}
	return out
}

// Resolve computes the action with the given ID among those offered at sel.
func Resolve(f *syntax.File, m *model.Model, sel syntax.Range, id string) (Action, bool) {
	for _, a := range Offered(f, m, sel) {
		if a.ID == id {
			return a, a.resolve()
		}
	}
	return Action{}, false
}

// resolve fills in the edits; it reports false when there are none.
func (a *Action) resolve() bool {
	if a.compute != nil {
		a.Edits, a.Placeholders = a.compute()
		a.compute = nil
	}
	return len(a.Edits) > 0
}

// ApplyEdits applies sorted, non-overlapping edits to text.
func ApplyEdits(text string, edits []analysis.Edit) string {
	var b []byte
	pos := 0
	for _, e := range edits {
		if e.Range.Start < pos || e.Range.End > len(text) || e.Range.End < e.Range.Start {
			continue // not expected: edits come from textBuilder
		}
		b = append(b, text[pos:e.Range.Start]...)
		b = append(b, e.NewText...)
		pos = e.Range.End
	}
	b = append(b, text[pos:]...)
	return string(b)
}
