package targets

import (
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// Stage describes one stage of a Dockerfile, as `dockerfile-lsp targets
// --json` and the dockerfile-lsp.targets command list them.
type Stage struct {
	Index int    `json:"index"`
	Name  string `json:"name"` // empty for an unnamed stage, which --target cannot pick
	Base  string `json:"base"` // the base image or stage as written
	Line  int    `json:"line"` // 1-based line of the FROM instruction
	Final bool   `json:"final"`
}

// Stages lists the stages of a Dockerfile in order.
func Stages(m *model.Model) []Stage {
	out := make([]Stage, 0, len(m.Stages))
	for _, s := range m.Stages {
		line, _ := m.File.Lines().Position(s.From.Offset)
		out = append(out, Stage{Index: s.Index, Name: s.Name, Base: s.Base, Line: line + 1, Final: s.Index == len(m.Stages)-1})
	}
	return out
}
