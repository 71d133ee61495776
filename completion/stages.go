package completion

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// stageContext is a cursor on a place that names a stage.
type stageContext struct {
	kind    model.RefKind
	at      int          // offset of the instruction, to find the current stage
	replace syntax.Range // the value being typed
}

// stageContextAt recognises the three places a stage can be named, however
// incomplete the line: COPY --from=| (ONBUILD COPY too), RUN --mount=...from=|
// and the base of FROM.
func stageContextAt(n syntax.Node, off int) (stageContext, bool) {
	at := n.Offset
	if inner, ok := n.OnBuild(); ok && off > inner.Keyword().Range.End {
		n = inner
	}
	switch n.Command() {
	case "COPY":
		if f, ok := flagValueAt(n, off); ok && f.Name == "from" {
			return stageContext{kind: model.RefCopyFrom, at: at, replace: f.ValueRange}, true
		}
	case "RUN":
		if f, ok := flagValueAt(n, off); ok && f.Name == "mount" {
			for _, kv := range f.Fields {
				if strings.EqualFold(kv.Key, "from") && kv.ValueRange.Contains(off) && kv.KeyRange.End < kv.ValueRange.Start {
					return stageContext{kind: model.RefMountFrom, at: at, replace: kv.ValueRange}, true
				}
			}
		}
	case "FROM":
		return fromBaseAt(n, off)
	}
	return stageContext{}, false
}

// flagValueAt returns the flag whose value holds the cursor.
func flagValueAt(n syntax.Node, off int) (syntax.Flag, bool) {
	for _, f := range n.Flags() {
		if f.HasValue && f.ValueRange.Contains(off) {
			return f, true
		}
	}
	return syntax.Flag{}, false
}

// fromBaseAt accepts the cursor on the first argument of FROM, or anywhere
// after the keyword and flags while no argument has been typed.
func fromBaseAt(n syntax.Node, off int) (stageContext, bool) {
	for _, f := range n.Flags() {
		if f.Range.Contains(off) {
			return stageContext{}, false
		}
	}
	args := n.Args()
	if len(args) == 0 {
		if off < n.ArgsRange().Start && !isBlank(n.Text()[:off-n.Offset], n.Keyword().Range.End-n.Offset) {
			return stageContext{}, false
		}
		return stageContext{kind: model.RefFrom, at: n.Offset, replace: syntax.Range{Start: off, End: off}}, true
	}
	if args[0].Range.Contains(off) {
		return stageContext{kind: model.RefFrom, at: n.Offset, replace: args[0].Range}, true
	}
	return stageContext{}, false
}

// isBlank reports whether text[from:] is only spaces and tabs.
func isBlank(text string, from int) bool {
	return strings.Trim(text[min(from, len(text)):], " \t") == ""
}

// stageItems lists the stages the context may legally name, filtered by the
// typed prefix (case-insensitive).
func stageItems(m *model.Model, ctx stageContext, typed string) []Item {
	cur := m.StageAt(ctx.at) // for FROM, the stage this line starts
	dependents := dependentsOf(m, cur)
	prefix := strings.ToLower(typed)
	var items []Item
	for _, s := range m.Stages {
		if !reachableFrom(ctx, s, cur) || dependents[s] {
			continue
		}
		label := s.Name
		if label == "" {
			// Only COPY --from resolves indexes; FROM and mounts treat digits as image names.
			if ctx.kind != model.RefCopyFrom {
				continue
			}
			label = strconv.Itoa(s.Index)
		}
		if !strings.HasPrefix(label, prefix) {
			continue
		}
		items = append(items, Item{
			Label:    label,
			Detail:   stageDetail(s),
			Kind:     KindStage,
			SortText: sortKey(s.Index),
		})
	}
	return items
}

// reachableFrom applies BuildKit's visibility: FROM sees earlier stages only;
// COPY --from and mounts see every stage but the current one.
func reachableFrom(ctx stageContext, s, cur *model.Stage) bool {
	if ctx.kind == model.RefFrom {
		return s.From.Offset < ctx.at
	}
	return s != cur
}

// dependentsOf is every stage that needs cur (directly or not): naming one of
// them from cur would create a cycle.
func dependentsOf(m *model.Model, cur *model.Stage) map[*model.Stage]bool {
	out := map[*model.Stage]bool{}
	if cur == nil {
		return out
	}
	for _, s := range m.Stages {
		if s != cur && m.Reachable(s)[cur] {
			out[s] = true
		}
	}
	return out
}

func stageDetail(s *model.Stage) string {
	if s.Name == "" {
		return "stage " + strconv.Itoa(s.Index) + " FROM " + s.Base
	}
	return "FROM " + s.Base
}

func sortKey(i int) string { return fmt.Sprintf("%05d", i) }
