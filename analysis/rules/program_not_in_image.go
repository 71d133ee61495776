package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// ProgramNotInImage reports an exec-form ENTRYPOINT or CMD of the final
// stage that starts a program by an absolute or WORKDIR-relative path the
// image does not have: the container fails at start with "no such file or
// directory". A typical cause is a COPY that names the binary differently
// (`COPY --from=build /app/hello .` then `ENTRYPOINT ["./main"]`). It is
// reported only when every RUN of the final stage chain was understood and
// its base cannot hold the path (scratch, or a directory of the
// application's own that only the Dockerfile fills).
var ProgramNotInImage = &analysis.Analyzer{
	Name:     "ProgramNotInImage",
	Severity: analysis.Error,
	Run:      runProgramNotInImage,
}

func runProgramNotInImage(p *analysis.Pass) {
	st := facts.Of(p.Model).Stage(p.Final())
	if st == nil {
		return
	}
	pr := st.Program
	if !pr.Set || pr.Shell || pr.Inherited || !strings.Contains(pr.Name, "/") || pr.Path == "" {
		return
	}
	if got, _ := st.Lookup(pr.Path, facts.Query{Context: p.BuildContext}); got != facts.Absent {
		return
	}
	n := pr.Entrypoint
	if !pr.HasEntrypoint || len(n.Args()) == 0 {
		n = pr.Cmd
	}
	args := n.Args()
	if len(args) == 0 || args[0].Value != pr.Name {
		return // the program is read through sh -c or an assignment
	}
	msg := fmt.Sprintf("%s runs %s, which the image does not have: the container fails to start", n.Command(), pr.Path)
	var copied []string
	for _, f := range producedFiles(st, p.BuildContext) {
		if f.Origin == facts.Copied && !f.Dir && len(copied) < 3 {
			copied = append(copied, f.Path)
		}
	}
	if len(copied) > 0 {
		msg += "; the image has " + strings.Join(copied, ", ")
	}
	d := analysis.Diagnostic{Range: args[0].Range, Message: msg}
	if fix, ok := programFix(p, st, args[0]); ok {
		d.Fixes = []analysis.Fix{fix}
	}
	p.Report(d)
}

// programFix runs the one file a COPY put into the program's directory (or
// put at that directory's path: `COPY --from=build /out/app /app` with
// `ENTRYPOINT ["/app/server"]`), written the way the program was (absolute,
// or ./ relative to WORKDIR).
func programFix(p *analysis.Pass, st *facts.Stage, w syntax.Word) (analysis.Fix, bool) {
	pr := st.Program
	dir := path.Dir(pr.Path)
	var only string
	for _, f := range producedFiles(st, p.BuildContext) {
		if f.Origin != facts.Copied || f.Dir || path.Dir(f.Path) != dir && f.Path != dir {
			continue
		}
		if only != "" {
			return analysis.Fix{}, false
		}
		only = f.Path
	}
	r := w.Range
	if raw := p.File.Text[r.Start:r.End]; raw == `"`+w.Value+`"` {
		r = syntax.Range{Start: r.Start + 1, End: r.End - 1} // the JSON string's content
	} else if raw != w.Value {
		return analysis.Fix{}, false
	}
	if only == "" {
		return analysis.Fix{}, false
	}
	text := only
	if !strings.HasPrefix(pr.Name, "/") {
		rel, ok := strings.CutPrefix(only, strings.TrimSuffix(pr.Workdir, "/")+"/")
		if !ok {
			return analysis.Fix{}, false
		}
		text = "./" + rel
	}
	return analysis.Fix{Title: "Run " + text, Edits: []analysis.Edit{{Range: r, NewText: text}}}, true
}
