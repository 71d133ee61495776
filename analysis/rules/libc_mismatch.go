package rules

import (
	"fmt"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// LibcMismatch reports a program that loads the C library it was built
// against, copied into a final image whose C library is another one, or
// none: a Go program built with cgo on, or a Rust program built for a gnu
// target, on a Debian image (glibc) and run on scratch, distroless static
// or Alpine (musl), or the other way round. It fails to start with "no
// such file or directory": the dynamic loader it names is not there.
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
				b := c.Stage.BuiltBy(c.Stage.Producer(src, p.BuildContext), p.BuildContext)
				if b == nil {
					continue
				}
				l := c.Stage.Linkage(b)
				if !l.Needs() || l.Libc == want {
					continue
				}
				reportLibcMismatch(p, b, l, want, args[i])
			}
		}
	}
}

func reportLibcMismatch(p *analysis.Pass, b *facts.Build, l facts.Linkage, want string, w syntax.Word) {
	has := map[string]string{
		images.LibcNone:  "no C library",
		images.LibcMusl:  "musl, not glibc",
		images.LibcGlibc: "glibc, not musl",
	}[want]
	when, remedy := "", "build it static"
	switch b.Ecosystem {
	case facts.Go:
		when = " when it uses C code, as any program importing net or os/user does"
		remedy = "build with CGO_ENABLED=0"
	case facts.Rust:
		remedy = "build for a musl target (x86_64-unknown-linux-musl), which links it in"
	}
	d := analysis.Diagnostic{
		Range: w.Range,
		Message: fmt.Sprintf("%s is built by %s and %s, so it loads %s%s; the final image has %s, so it would fail to start with \"no such file or directory\": %s, or run it on an image with %s",
			w.Value, b.Label, l.Why, l.Libc, when, has, remedy, l.Libc),
		Related: []analysis.Related{{Range: b.Command.Range(), Message: "the build"}},
	}
	if fix, ok := cgoOffFix(b, l); ok {
		d.Fixes = []analysis.Fix{fix}
	}
	p.Report(d)
}

// cgoOffFix builds without cgo: CGO_ENABLED=0 in front of a plain `go
// build` or `go install` that has cgo on only by default. Not preferred: a
// program that needs C code (SQLite, say) no longer builds.
func cgoOffFix(b *facts.Build, l facts.Linkage) (analysis.Fix, bool) {
	if !l.CgoDefault || len(b.Command.Words) == 0 || b.Command.Words[0].Value != "go" || b.Node.IsJSON() {
		return analysis.Fix{}, false
	}
	at := b.Command.WordRange(b.Command.Words[0]).Start
	return analysis.Fix{
		Title: "Build with CGO_ENABLED=0",
		Edits: []analysis.Edit{{Range: syntax.Range{Start: at, End: at}, NewText: "CGO_ENABLED=0 "}},
	}, true
}
