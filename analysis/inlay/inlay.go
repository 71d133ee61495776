// Package inlay computes inlay hints: the value a FROM line's base image takes
// with default build arguments (`FROM golang:${GO_VERSION}` → `= golang:1.22`)
// and the index of unnamed stages (`#2`), which is how COPY --from must refer
// to them. Nothing here knows LSP.
package inlay

import (
	"strconv"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/navigate"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Kind tells what a hint shows.
type Kind int

const (
	Value      Kind = iota + 1 // a resolved value
	StageIndex                 // the index of an unnamed stage
)

// Hint is a label shown at Offset.
type Hint struct {
	Offset  int
	Label   string
	Kind    Kind
	Tooltip string
}

// Hints returns the hints whose offset lies in r (end inclusive), in file order.
func Hints(m *model.Model, r syntax.Range) []Hint {
	var out []Hint
	var x *navigate.Index
	for _, s := range m.Stages {
		from := s.From
		if from.Range().End < r.Start || from.Offset > r.End {
			continue
		}
		if s.BaseRange.Len() > 0 && strings.Contains(s.Base, "$") && r.Contains(s.BaseRange.End) {
			if x == nil {
				x = navigate.For(m)
			}
			if v := x.ExpandAt(nil, from.Offset, s.Base); v != s.Base {
				out = append(out, Hint{
					Offset:  s.BaseRange.End,
					Label:   "= " + v,
					Kind:    Value,
					Tooltip: s.Base + " with default build arguments",
				})
			}
		}
		if s.Name == "" && s.BaseRange.Len() > 0 { // not while FROM is still being typed
			end := from.ArgsRange().End
			if r.Contains(end) {
				out = append(out, Hint{
					Offset:  end,
					Label:   "#" + strconv.Itoa(s.Index),
					Kind:    StageIndex,
					Tooltip: "unnamed stage " + strconv.Itoa(s.Index) + ": COPY --from=" + strconv.Itoa(s.Index) + " refers to it; AS name would name it",
				})
			}
		}
	}
	return out
}
