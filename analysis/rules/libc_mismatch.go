package rules

import (
	"fmt"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// LibcMismatch reports a Go program built with cgo on and copied into a
// final image whose C library is another one, or none: built on the
// golang Debian image (glibc) and run on scratch, distroless static or
// Alpine (musl), or the other way round. A program that links C code (and
// any program importing net or os/user does, with cgo on) then fails to
// start with "no such file or directory": the dynamic loader it names is
// not there.
var LibcMismatch = &analysis.Analyzer{
	Name:     "LibcMismatch",
	Severity: analysis.Warning,
	Run:      runLibcMismatch,
}

func runLibcMismatch(p *analysis.Pass) {
	all := facts.Of(p.Model)
	final := all.Stage(p.Final())
	if final == nil {
		return
	}
	want := images.Libc(final.Chain()[0].Base.Value)
	if want == "" {
		return
	}
	for _, st := range final.Chain() {
		for _, c := range st.Copies {
			if c.Source != facts.FromStage || c.Stage == nil {
				continue
			}
			args := c.Node.Args()
			if len(args)-1 != len(c.Sources) {
				continue
			}
			for i, src := range c.Sources {
				f := c.Stage.Producer(src, p.BuildContext)
				if f == nil || f.Build == nil || f.Build.Ecosystem != facts.Go {
					continue
				}
				cg := c.Stage.GoCgo(f.Build)
				if !cg.Links() || cg.Libc == want {
					continue
				}
				reportLibcMismatch(p, c, f.Build, cg, want, args[i])
			}
		}
	}
}

func reportLibcMismatch(p *analysis.Pass, c *facts.Copy, b *facts.Build, cg facts.Cgo, want string, w syntax.Word) {
	why := "CGO_ENABLED=1"
	if !cg.Set {
		why = "CGO_ENABLED is not set and stage " + c.Stage.Model.Label() + " has a C compiler"
	}
	has := map[string]string{
		images.LibcNone:  "no C library",
		images.LibcMusl:  "musl, not glibc",
		images.LibcGlibc: "glibc, not musl",
	}[want]
	d := analysis.Diagnostic{
		Range: w.Range,
		Message: fmt.Sprintf("%s is built by %s with cgo on (%s), so it links against %s when it uses C code, as any program importing net or os/user does; "+
			"the final image has %s, so it would fail to start with \"no such file or directory\": build with CGO_ENABLED=0, or run it on an image with %s",
			w.Value, b.Label, why, cg.Libc, has, cg.Libc),
		Related: []analysis.Related{{Range: b.Command.Range(), Message: "the build"}},
	}
	if fix, ok := cgoOffFix(b, cg); ok {
		d.Fixes = []analysis.Fix{fix}
	}
	p.Report(d)
}

// cgoOffFix builds without cgo: CGO_ENABLED=0 in front of a plain `go
// build` or `go install` that did not ask for cgo. Not preferred: a
// program that needs C code (SQLite, say) no longer builds.
func cgoOffFix(b *facts.Build, cg facts.Cgo) (analysis.Fix, bool) {
	if cg.Set || len(b.Command.Words) == 0 || b.Command.Words[0].Value != "go" || b.Node.IsJSON() {
		return analysis.Fix{}, false
	}
	at := b.Command.WordRange(b.Command.Words[0]).Start
	return analysis.Fix{
		Title: "Build with CGO_ENABLED=0",
		Edits: []analysis.Edit{{Range: syntax.Range{Start: at, End: at}, NewText: "CGO_ENABLED=0 "}},
	}, true
}
