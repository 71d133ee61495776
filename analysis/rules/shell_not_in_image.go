package rules

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/docs"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// ShellNotInImage reports a shell-form RUN, or a shell-form ENTRYPOINT or
// CMD of the final stage, in an image that has no shell: scratch, the
// distroless images and the like (images.LacksShell), unless a COPY or a
// mount brought one. The shell form runs `/bin/sh -c` (or the SHELL in
// effect), so the RUN fails the build and the container fails to start.
var ShellNotInImage = &analysis.Analyzer{
	Name:     "ShellNotInImage",
	Severity: analysis.Error,
	Run:      runShellNotInImage,
}

func runShellNotInImage(p *analysis.Pass) {
	if p.File.Escape == '`' {
		return // a Windows Dockerfile: cmd, not /bin/sh
	}
	all := facts.Of(p.Model)
	for _, st := range all.Stages {
		if !shellless(st) {
			continue
		}
		// The first shell-form RUN is where the build fails: one finding
		// per stage, and one look at its files.
		for _, step := range st.Steps {
			n := step.Node
			if n.Command() != "RUN" || n.IsJSON() || shellMounted(st, step) {
				continue
			}
			if sh, ok := missingShell(p, st, step.Node.Offset); ok {
				p.Report(analysis.Diagnostic{
					Range: n.Keyword().Range,
					Message: fmt.Sprintf("RUN in shell form runs %s -c, and stage %s has no shell (%s): the build fails here; "+
						"do this in a stage that has one and COPY the result (COPY --chmod and --chown set modes and owners), or write the RUN in exec form",
						sh, st.Model.Label(), baseOf(st)),
				})
			}
			break
		}
	}
	final := all.Stage(p.Final())
	if final == nil || !shellless(final) {
		return
	}
	reportShellHealthcheck(p, final)
	if !final.Program.Set {
		return
	}
	pr := final.Program
	n := pr.Entrypoint
	if !pr.HasEntrypoint {
		n = pr.Cmd
	}
	if n.IsJSON() {
		return // exec form; a shell-form CMD after it only gives arguments
	}
	sh, ok := missingShell(p, final, 0)
	if !ok {
		return
	}
	d := analysis.Diagnostic{
		Range: n.Keyword().Range,
		Message: fmt.Sprintf("%s in shell form starts %s -c, and the image has no shell (%s): the container fails to start; write it in exec form",
			n.Command(), sh, baseOf(final)),
	}
	if fix, ok := execFormFix(p, n.Command(), n.ArgsRange()); ok {
		d.Fixes = []analysis.Fix{fix}
	}
	p.Report(d)
}

// reportShellHealthcheck reports the HEALTHCHECK in effect in the final
// image when its command is in shell form: without a shell every check
// fails, and the container is reported unhealthy.
func reportShellHealthcheck(p *analysis.Pass, final *facts.Stage) {
	var hc *facts.Step
	for _, st := range final.Chain() {
		for _, step := range st.Steps {
			if step.Node.Command() == "HEALTHCHECK" {
				hc = step
			}
		}
	}
	if hc == nil {
		return
	}
	args := hc.Node.Args()
	if len(args) < 2 || !strings.EqualFold(args[0].Value, "CMD") || strings.HasPrefix(args[1].Value, "[") {
		return // none, NONE, or exec form
	}
	sh, ok := missingShell(p, final, 0)
	if !ok {
		return
	}
	d := analysis.Diagnostic{
		Range: args[0].Range,
		Message: fmt.Sprintf("HEALTHCHECK CMD in shell form runs %s -c, and the image has no shell (%s): every check fails and the container is reported unhealthy; write it in exec form",
			sh, baseOf(final)),
	}
	r := syntax.Range{Start: args[1].Range.Start, End: hc.Node.ArgsRange().End}
	if fix, ok := execFormFix(p, "HEALTHCHECK CMD", r); ok {
		d.Fixes = []analysis.Fix{fix}
	}
	p.Report(d)
}

// shellless reports whether the image a stage starts from has no shell.
func shellless(st *facts.Stage) bool {
	return images.LacksShell(st.Chain()[0].Base.Value)
}

// shellMounted reports whether a mount of the RUN of step may lay a shell
// over the shell's directory (`--mount=from=busybox,src=/bin,dst=/bin`).
func shellMounted(st *facts.Stage, step *facts.Step) bool {
	targets := facts.MountTargets(step.Node, docs.MountTypes()...)
	if len(targets) == 0 {
		return false
	}
	sh := st.ShellAt(step.Node.Offset)
	for _, t := range targets {
		if dir := facts.Resolve(step.Workdir, t); t == "" || strings.Contains(t, "$") || strings.HasPrefix(sh, strings.TrimSuffix(dir, "/")+"/") {
			return true
		}
	}
	return false
}

// missingShell returns the shell that a shell-form instruction of stage st
// at offset before starts (0: the image as built) when the stage cannot
// have it there.
func missingShell(p *analysis.Pass, st *facts.Stage, before int) (string, bool) {
	sh := st.ShellAt(before)
	if !strings.HasPrefix(sh, "/") {
		return "", false
	}
	if got, _ := st.Lookup(sh, facts.Query{Before: before, Context: p.BuildContext}); got != facts.Absent {
		return "", false
	}
	return sh, true
}

// baseOf names what a stage's image starts from, for a message.
func baseOf(st *facts.Stage) string {
	root := st.Chain()[0]
	if root.Base.Value == "" {
		return "scratch"
	}
	return root.Base.Value
}

// execFormFix rewrites the shell-form command at r of an ENTRYPOINT, CMD
// or HEALTHCHECK CMD (cmd) in exec form when its text is plain words on one
// line, which the shell would have passed on as they are: no variable,
// quote, escape, glob, redirection or operator. The edits only add the
// brackets and quotes around the words the user wrote.
func execFormFix(p *analysis.Pass, cmd string, r syntax.Range) (analysis.Fix, bool) {
	text := p.File.Text[r.Start:r.End]
	if strings.TrimSpace(text) == "" || strings.ContainsAny(text, "$'\"`\\;&|<>()*?[]{}~#!\n\r") {
		return analysis.Fix{}, false
	}
	text = strings.TrimRight(text, " \t")
	var edits []analysis.Edit
	var words []string
	insert := func(at int, s string) {
		edits = append(edits, analysis.Edit{Range: syntax.Range{Start: r.Start + at, End: r.Start + at}, NewText: s})
	}
	insert(0, `["`)
	for i := 0; i < len(text); {
		j := i
		for j < len(text) && text[j] != ' ' && text[j] != '\t' {
			j++
		}
		words = append(words, `"`+text[i:j]+`"`)
		if j == len(text) {
			break
		}
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
		// The blanks between two words stay, between a closing quote and
		// a comma and the next opening quote.
		edits = append(edits, analysis.Edit{Range: syntax.Range{Start: r.Start + j, End: r.Start + k}, NewText: `",` + text[j:k] + `"`})
		i = k
	}
	insert(len(text), `"]`)
	return analysis.Fix{
		Title:     fmt.Sprintf("Write %s in exec form: %s [%s]", cmd, cmd, strings.Join(words, ", ")),
		Edits:     edits,
		Preferred: true,
	}, true
}
