package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/docs"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// ManifestNotCopied reports a dependency install that reads a manifest
// (requirements.txt, package.json, go.mod, pom.xml, Gemfile...) before any
// COPY, ADD or bind mount has put it into the directory the install runs
// in: the install fails, or installs nothing. A base image never holds a
// project's manifest, so it is reported only when the facts of the stage
// up to the install are complete and its base is an image the table knows,
// scratch, or an earlier stage whose own facts are complete.
var ManifestNotCopied = &analysis.Analyzer{
	Name:     "ManifestNotCopied",
	Severity: analysis.Warning,
	Run:      runManifestNotCopied,
}

func runManifestNotCopied(p *analysis.Pass) {
	for _, st := range facts.Of(p.Model).Stages {
		for _, step := range st.Steps {
			if step.Run == nil || bindMounted(step.Node) {
				continue
			}
			for _, c := range step.Run.Commands {
				d, ok := facts.ReadDependency(c)
				if !ok || len(d.Needs) == 0 || !manifestAbsent(p, st, d, step.Node) {
					continue
				}
				need := d.Needs[0]
				diag := analysis.Diagnostic{
					Range: commandRange(step.Node, c),
					Message: fmt.Sprintf("`%s` runs in %s before %s is there: no COPY, ADD or bind mount has put it into the image yet; COPY %s first",
						d.Label, c.Dir, need, strings.Join(d.Manifests, " ")+" ./"),
				}
				if bc := p.BuildContext; bc != nil && bc.Source(need) == buildcontext.Absent {
					// A COPY of it would fail as well, and a COPY of the
					// whole context before the install did not bring it.
					diag.Message = fmt.Sprintf("`%s` runs in %s before %s is there, and the build context has no %s at its root to copy; COPY it from where the project keeps it first",
						d.Label, c.Dir, need, need)
				} else if fix, ok := manifestCopyFix(p, step, c, d); ok {
					diag.Fixes = []analysis.Fix{fix}
				}
				p.Report(diag)
			}
		}
	}
}

// manifestAbsent reports whether no file the install could read is in the
// image when it runs.
func manifestAbsent(p *analysis.Pass, st *facts.Stage, d *facts.Dependency, n syntax.Node) bool {
	before := max(d.Command.Range().Start, n.Offset+1)
	dirs := []string{d.Command.Dir}
	if d.Upward {
		for dir := d.Command.Dir; dir != "/"; {
			dir = path.Dir(dir)
			dirs = append(dirs, dir)
		}
	}
	for _, need := range d.Needs {
		for i, dir := range dirs {
			if i > 0 && strings.Contains(need, "/") {
				break // a path names one place
			}
			if pr, _ := st.Lookup(facts.Resolve(dir, need), facts.Query{Before: before, ProjectFile: true, Context: p.BuildContext}); pr != facts.Absent {
				return false
			}
		}
	}
	return true
}

// bindMounted reports a RUN --mount of type bind (the default type): it
// may bring the manifest for the install.
func bindMounted(n syntax.Node) bool {
	for _, f := range n.Flags() {
		if f.Name != "mount" {
			continue
		}
		typ := "bind"
		for _, kv := range f.Fields {
			if docs.CanonicalMountKey(kv.Key) == "type" {
				typ = kv.Value
			}
		}
		if typ == "bind" {
			return true
		}
	}
	return false
}

// commandRange is where a command of a RUN is written, or the RUN itself
// when the command lies in a string the shell reader unwrapped.
func commandRange(n syntax.Node, c facts.Command) syntax.Range {
	r := wordsRange(c.Words, c.Offset)
	if nr := n.Range(); r.Start < nr.Start || r.End > nr.End || r.Len() == 0 {
		return nr
	}
	return r
}

// manifestCopyFix inserts `COPY <manifest> <lock files>* ./` before the
// RUN when the install runs in the WORKDIR and needs one plain file: the
// lock files get a `*` so that the COPY does not fail when one is absent.
func manifestCopyFix(p *analysis.Pass, step *facts.Step, c facts.Command, d *facts.Dependency) (analysis.Fix, bool) {
	need := d.Needs[0]
	if len(d.Needs) != 1 || c.Dir != step.Workdir || strings.ContainsAny(need, "/*?[$") {
		return analysis.Fix{}, false
	}
	srcs := []string{need}
	for _, m := range d.Manifests {
		if m == need {
			continue
		}
		if !strings.ContainsAny(m, "*?[") {
			m += "*"
		}
		srcs = append(srcs, m)
	}
	text := p.File.Text
	start := step.Node.Range().Start
	lineStart := strings.LastIndexByte(text[:start], '\n') + 1
	indent := text[lineStart:start]
	if strings.TrimSpace(indent) != "" {
		return analysis.Fix{}, false
	}
	line := "COPY " + strings.Join(srcs, " ") + " ./"
	return analysis.Fix{
		Title: line,
		Edits: []analysis.Edit{{Range: syntax.Range{Start: start, End: start}, NewText: line + "\n" + indent}},
	}, true
}
