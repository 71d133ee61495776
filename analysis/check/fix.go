package check

import (
	"context"
	"sort"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Applied is one fix FixAll applied: the rule of its diagnostic, the fix,
// and the text its edits' ranges are offsets into.
type Applied struct {
	Rule   string
	Fix    analysis.Fix
	Before string
}

// maxFixRounds bounds FixAll: each round may reveal another fix (a removed
// stage makes another unused), but a fix that undid another must not loop.
const maxFixRounds = 8

// FixAll is the policy of `dockerfile-lsp fix`, and of the fix goldens: in
// each round it analyses text and applies the preferred fix of every
// diagnostic whose edits overlap no fix taken before it in that round, until
// a round takes nothing. Fixes that edit or create another file are left
// out, since only text is returned. It returns the fixed text and the fixes
// applied, in order.
func FixAll(ctx context.Context, text string, cfg Config) (string, []Applied) {
	var applied []Applied
	for round := 0; round < maxFixRounds && ctx.Err() == nil; round++ {
		fixed, taken := applyPreferred(text, Run(ctx, syntax.Parse(text), cfg))
		if len(taken) == 0 {
			break
		}
		applied = append(applied, taken...)
		text = fixed
	}
	return text, applied
}

// applyPreferred applies, in diagnostic order, the preferred fix of each
// diagnostic that overlaps no fix already taken: two edits overlap when
// their ranges intersect or start at the same offset (two insertions there
// would come out in an arbitrary order).
func applyPreferred(text string, ds []analysis.Diagnostic) (string, []Applied) {
	var taken []Applied
	var edits []analysis.Edit
	overlaps := func(fx analysis.Fix) bool {
		for _, b := range fx.Edits {
			for _, a := range edits {
				if a.Range.Start < b.Range.End && b.Range.Start < a.Range.End || a.Range.Start == b.Range.Start {
					return true
				}
			}
		}
		return false
	}
	for _, d := range ds {
		for _, fx := range d.Fixes {
			if fx.Preferred && len(fx.Edits) > 0 && onlyThisFile(fx) && !overlaps(fx) {
				taken = append(taken, Applied{Rule: d.Rule, Fix: fx, Before: text})
				edits = append(edits, fx.Edits...)
				break
			}
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Range.Start < edits[j].Range.Start })
	return refactor.ApplyEdits(text, edits), taken
}

// onlyThisFile reports whether a fix edits the analysed file alone.
func onlyThisFile(fx analysis.Fix) bool {
	if len(fx.CreateFiles) > 0 {
		return false
	}
	for _, e := range fx.Edits {
		if e.Path != "" {
			return false
		}
	}
	return true
}
