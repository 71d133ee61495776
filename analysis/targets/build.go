package targets

import (
	"path/filepath"
	"strings"
)

// BuildCommand is the command line that builds one stage of a Dockerfile,
// as a code lens shows it and a client runs it.
type BuildCommand struct {
	Command string   `json:"command"` // for a shell
	Args    []string `json:"args"`    // the same, as an argument vector
	Cwd     string   `json:"cwd"`     // where to run it: the Dockerfile's folder
}

// BuildCommandFor is `docker build --target stage` for the Dockerfile at
// path, run from its folder (with -f when it is not named Dockerfile).
func BuildCommandFor(path, stage string) BuildCommand {
	args := []string{"docker", "build", "--target", stage}
	if name := filepath.Base(path); name != "Dockerfile" {
		args = append(args, "-f", name)
	}
	args = append(args, ".")
	return BuildCommand{Command: strings.Join(args, " "), Args: args, Cwd: filepath.Dir(path)}
}

// TargetedStage is a stage with the places that build it as a target.
type TargetedStage struct {
	Stage
	TargetedBy []string `json:"targetedBy"` // Ref.Where of each, never nil
}

// Targeted pairs the stages of a Dockerfile with the references to it.
func Targeted(stages []Stage, refs []Ref) []TargetedStage {
	out := make([]TargetedStage, 0, len(stages))
	for _, st := range stages {
		t := TargetedStage{Stage: st, TargetedBy: WhereBuilt(refs, st.Name)}
		out = append(out, t)
	}
	return out
}

// WhereBuilt lists where the references build the named stage; empty, not
// nil, when nowhere (or when the stage has no name).
func WhereBuilt(refs []Ref, stage string) []string {
	where := []string{}
	for _, r := range refs {
		if stage != "" && r.Stage == stage {
			where = append(where, r.Where())
		}
	}
	return where
}

// TargetsNote is the hover text saying where a stage is built as a target,
// in Markdown or plain text; empty when nowhere.
func TargetsNote(where []string, markdown bool) string {
	switch {
	case len(where) == 0:
		return ""
	case markdown:
		return "Built as a target by:\n- `" + strings.Join(where, "`\n- `") + "`"
	}
	return "Built as a target by: " + strings.Join(where, "; ")
}

// BuildTarget is one build of a Compose or Bake file, as the
// dockerfile-lsp.targets command lists them.
type BuildTarget struct {
	Name       string `json:"name"` // the service or Bake target
	Target     string `json:"target"`
	Dockerfile string `json:"dockerfile"` // empty when unknown or inline
	Line       int    `json:"line"`       // 1-based line of the target (or of the name)
}

// BuildTargets lists the builds of d, resolved; never nil.
func BuildTargets(d *Doc) []BuildTarget {
	out := []BuildTarget{}
	for _, b := range d.Builds {
		at := b.NameRange.Start
		if b.Target.Set {
			at = b.Target.Range.Start
		}
		line, _ := d.Lines().Position(at)
		out = append(out, BuildTarget{Name: b.Name, Target: b.Target.Text, Dockerfile: b.DockerfilePath, Line: line + 1})
	}
	return out
}
