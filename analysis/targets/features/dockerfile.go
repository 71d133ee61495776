package features

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/index"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
)

// What a Dockerfile's features say about the workspace's targets: the hover
// note on a stage name and the answer of the targets command.

// StageNote is the note a hover on the name of a stage at off of the
// Dockerfile at path adds: where the workspace builds that stage as a
// target. ok is false off a stage name or when nothing builds it.
func StageNote(ctx context.Context, x *index.Index, files *wsfile.Source, path string, m *model.Model, off int, markdown bool) (note string, at syntax.Range, ok bool) {
	var stage *model.Stage
	for _, st := range m.Stages {
		if st.Name != "" && st.NameRange.Contains(off) {
			stage = st
		}
	}
	if stage == nil {
		return "", syntax.Range{}, false
	}
	note = targets.TargetsNote(targets.WhereBuilt(x.RefsTo(ctx, files, path), stage.Name), markdown)
	return note, stage.NameRange, note != ""
}

// DockerfileTargets answers the targets command for a Dockerfile: its
// stages, each with where the workspace builds it as a target.
func DockerfileTargets(ctx context.Context, x *index.Index, files *wsfile.Source, path, text string) []targets.TargetedStage {
	var refs []targets.Ref
	if x != nil && path != "" {
		refs = x.RefsTo(ctx, files, path)
	}
	return targets.Targeted(targets.Stages(model.Build(syntax.Parse(text))), refs)
}

// BuildTargets answers the targets command for a Compose or Bake file: its
// builds, with the Dockerfile each uses.
func BuildTargets(ctx context.Context, files *wsfile.Source, path, text string) []targets.BuildTarget {
	d := builds.Parse(path, text)
	(&builds.Resolver{Files: files, Context: ctx}).Resolve(d)
	return targets.BuildTargets(d)
}

// TargetValue is a Compose or Bake target value that names a stage, with
// the text of its file as the editor has it.
type TargetValue struct {
	targets.Ref
	Text string
}

// TargetValues are the Compose and Bake target values of the workspace that
// build the named stage of the Dockerfile at path: references of the stage
// include them and a rename changes them too. A value the file no longer
// holds where the index says (the index is behind the disk) is left out.
func TargetValues(ctx context.Context, x *index.Index, files *wsfile.Source, path, stage string) []TargetValue {
	var out []TargetValue
	for _, r := range x.RefsTo(ctx, files, path) {
		if !r.Kind.IsEditorKind() || r.Stage != stage {
			continue
		}
		text, _, err := files.Within(filepath.Dir(r.File)).Read(ctx, r.File)
		if err != nil {
			continue
		}
		if r.Range.End > len(text) || !strings.EqualFold(text[r.Range.Start:r.Range.End], r.Stage) {
			continue
		}
		out = append(out, TargetValue{Ref: r, Text: text})
	}
	return out
}
