package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/spelling"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// CopyFromMissingPath reports a `COPY --from=<stage>` source that the stage
// never produces: its base cannot hold it, no COPY or ADD put it there and
// no recognised step wrote it, so the build fails with "not found". The
// commonest multi-stage mistake: the build writes /out/api and the runtime
// stage copies /app/api. It is reported only when every RUN of the source
// stage was understood and its base is scratch or an image the table knows
// that has nothing where the path lies.
var CopyFromMissingPath = &analysis.Analyzer{
	Name:     "CopyFromMissingPath",
	Severity: analysis.Error,
	Run:      runCopyFromMissingPath,
}

func runCopyFromMissingPath(p *analysis.Pass) {
	for _, st := range facts.Of(p.Model).Stages {
		for _, c := range st.Copies {
			if c.Source != facts.FromStage || c.Stage == nil || dependsOn(c.Stage, st, map[*facts.Stage]bool{}) {
				continue // a cycle is CircularStageDependency's
			}
			args := c.Node.Args()
			if len(args) < 2 || len(args)-1 != len(c.Sources) {
				continue
			}
			for i, src := range c.Sources {
				if strings.ContainsAny(src, "*?[") {
					continue // a glob may match nothing by design
				}
				if pr, _ := c.Stage.Lookup(src, facts.Query{Context: p.BuildContext}); pr != facts.Absent {
					continue
				}
				reportMissingFrom(p, c, src, args[i])
			}
		}
	}
}

func reportMissingFrom(p *analysis.Pass, c *facts.Copy, src string, w syntax.Word) {
	name := c.Stage.Model.Label()
	produced := producedFiles(c.Stage, p.BuildContext)
	msg := fmt.Sprintf("stage %s never produces %s, so the COPY fails with \"not found\"", name, path.Clean(src))
	var related []analysis.Related
	produces := "; it produces "
	if step, target, kind, ok := c.Stage.MountedOver(src); ok {
		// The build wrote it, into a mount that the image does not hold.
		msg = fmt.Sprintf("%s lies under %s, a %s mount of a RUN in stage %s: what the RUN writes there is not in the stage's image, so the COPY fails with \"not found\"; copy it out of the mount in that RUN",
			path.Clean(src), target, kind, name)
		related = append(related, analysis.Related{Range: step.Node.Range(), Message: "the RUN that mounts " + target})
		produces = "; the stage produces "
	}
	if len(produced) > 0 {
		var list []string
		for i, f := range produced {
			if i == 3 {
				list = append(list, "...")
				break
			}
			list = append(list, describeProduced(f))
		}
		msg += produces + strings.Join(list, ", ")
	}
	d := analysis.Diagnostic{
		Range:   w.Range,
		Message: msg,
		Related: append(related, analysis.Related{Range: c.Stage.Model.From.Range(), Message: "the stage copied from"}),
	}
	if near := nearestProduced(src, produced); near != "" && p.File.Text[w.Range.Start:w.Range.End] == w.Value {
		d.Fixes = []analysis.Fix{{
			Title:     "Change to " + near,
			Edits:     []analysis.Edit{{Range: w.Range, NewText: near}},
			Preferred: true,
		}}
	}
	p.Report(d)
}

// producedFiles are the exact paths the stage chain puts into its
// filesystem, its build outputs first (with the build context, those its
// package.json settles).
func producedFiles(s *facts.Stage, ctx *buildcontext.Context) []*facts.File {
	var built, other []*facts.File
	seen := map[string]bool{}
	for _, f := range s.ProducesIn(ctx) {
		if seen[f.Path] || f.Maybe || strings.ContainsAny(f.Path, "*?[$") || f.Path == "/" {
			continue
		}
		seen[f.Path] = true
		if f.Origin == facts.Built && f.Build != nil { // a build step's, not an install's node_modules
			built = append(built, f)
		} else {
			other = append(other, f)
		}
	}
	return append(built, other...)
}

func describeProduced(f *facts.File) string {
	if f.Build != nil {
		return fmt.Sprintf("%s (%s)", f.Path, f.Build.Label)
	}
	return f.Path
}

// nearestProduced is the produced path src most likely stands for: the
// only one with the same file name, else a near spelling, else the only
// file a build step writes.
func nearestProduced(src string, produced []*facts.File) string {
	src = path.Clean(src)
	var sameName, paths, builtFiles []string
	for _, f := range produced {
		paths = append(paths, f.Path)
		if path.Base(f.Path) == path.Base(src) {
			sameName = append(sameName, f.Path)
		}
		if f.Origin == facts.Built && !f.Dir {
			builtFiles = append(builtFiles, f.Path)
		}
	}
	switch {
	case len(sameName) == 1:
		return sameName[0]
	case len(sameName) == 0:
		if near := spelling.Suggest(src, paths); near != "" {
			return near
		}
		if len(builtFiles) == 1 {
			return builtFiles[0]
		}
	}
	return ""
}

// dependsOn reports whether stage s is, or is built from or copies from,
// stage on.
func dependsOn(s, on *facts.Stage, seen map[*facts.Stage]bool) bool {
	if s == on {
		return true
	}
	if seen[s] {
		return false
	}
	seen[s] = true
	if s.Base.Stage != nil && dependsOn(s.Base.Stage, on, seen) {
		return true
	}
	for _, c := range s.Copies {
		if c.Stage != nil && dependsOn(c.Stage, on, seen) {
			return true
		}
	}
	return false
}
