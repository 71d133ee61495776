package refactor

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// nameStageActions offers "Name this stage" on an unnamed stage of a
// multi-stage file: it adds `AS <name>` and rewrites every `--from=N` that
// refers to the stage by its index.
func nameStageActions(q *query) []Action {
	s := q.m.StageAt(q.sel.Start)
	if s == nil || s.Name != "" || len(q.m.Stages) < 2 || s.Base == "" {
		return nil
	}
	// Only a plain `FROM [--flags] image`: nothing after the base yet.
	if args := s.From.Args(); len(args) != 1 {
		return nil
	}
	name := stageName(q.m, s)
	return []Action{{
		ID:    "name-stage:" + strconv.Itoa(s.Index),
		Title: fmt.Sprintf("Name this stage '%s'", name),
		Kind:  KindRewrite,
		compute: func() ([]analysis.Edit, []Placeholder) {
			return nameStageEdits(q.f, q.m, s, name), nil
		},
	}}
}

// nameStageEdits adds the name and rewrites the index references.
func nameStageEdits(f *syntax.File, m *model.Model, s *model.Stage, name string) []analysis.Edit {
	as := styleOf(f).kw("AS")
	edits := []analysis.Edit{{Range: syntax.Range{Start: s.BaseRange.End, End: s.BaseRange.End}, NewText: " " + as + " " + name}}
	for _, r := range m.Refs {
		if r.ByIndex && r.Target == s {
			edits = append(edits, analysis.Edit{Range: r.Range, NewText: name})
		}
	}
	sortEdits(edits)
	return edits
}

// stageName proposes a meaningful, unused name for a stage: "build" for a
// toolchain stage others copy from, "runtime" for the final stage, else the
// base image's name.
func stageName(m *model.Model, s *model.Stage) string {
	var want []string
	copiedFrom := false
	for _, r := range m.Refs {
		if r.Target == s && r.Kind != model.RefFrom {
			copiedFrom = true
		}
	}
	match, toolchain := images.Lookup(s.BaseValue)
	switch {
	case s == m.Stages[len(m.Stages)-1]:
		want = append(want, "runtime", "final")
	case toolchain && copiedFrom:
		want = append(want, "build", match.Image.Ecosystem+"-build")
	case copiedFrom:
		want = append(want, "build")
	}
	repo := images.ParseRef(s.BaseValue).Repo
	if i := strings.LastIndexByte(repo, '/'); i >= 0 {
		repo = repo[i+1:]
	}
	if clean := cleanName(repo); clean != "" {
		want = append(want, clean)
	}
	want = append(want, "stage-"+strconv.Itoa(s.Index))
	for _, w := range want {
		if usable(m, w) {
			return w
		}
	}
	for i := 2; ; i++ {
		if w := want[0] + "-" + strconv.Itoa(i); usable(m, w) {
			return w
		}
	}
}

// cleanName makes a stage name from an image name: lower case, starting
// with a letter, only [a-z0-9-_.].
func cleanName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', b.Len() > 0 && (r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// usable reports whether name is free and allowed as a stage name.
func usable(m *model.Model, name string) bool {
	if name == "" || name == "scratch" || name == "context" {
		return false
	}
	if m.StageByName(name) != nil {
		return false
	}
	// A name that some FROM or --from already uses as an image would
	// start meaning the stage.
	for _, st := range m.Stages {
		if strings.EqualFold(images.ParseRef(st.BaseValue).Repo, name) || strings.EqualFold(st.BaseValue, name) {
			return false
		}
	}
	for _, r := range m.Refs {
		if strings.EqualFold(r.Value, name) {
			return false
		}
	}
	return true
}

func sortEdits(edits []analysis.Edit) {
	for i := 1; i < len(edits); i++ {
		for j := i; j > 0 && edits[j].Range.Start < edits[j-1].Range.Start; j-- {
			edits[j], edits[j-1] = edits[j-1], edits[j]
		}
	}
}
