package rules

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
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
	Doc:      "An exec-form ENTRYPOINT or CMD that runs a path the image does not have fails when the container starts.",
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
	if got, _ := st.Lookup(pr.Path, facts.Query{}); got != facts.Absent {
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
	for _, f := range producedFiles(st) {
		if f.Origin == facts.Copied && !f.Dir && len(copied) < 3 {
			copied = append(copied, f.Path)
		}
	}
	if len(copied) > 0 {
		msg += "; the image has " + strings.Join(copied, ", ")
	}
	p.Report(analysis.Diagnostic{Range: args[0].Range, Message: msg})
}
