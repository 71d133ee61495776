package rules

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// FinalStageBuildImage reports a final image built on an SDK or toolchain
// image (golang, rust, gcc, maven, gradle, a JDK, dotnet/sdk, buildpack-deps,
// and the full node/python/ruby images). The program it builds needs only a
// runtime, often a tenth of the size, with far fewer packages to patch.
var FinalStageBuildImage = &analysis.Analyzer{
	Name:     "FinalStageBuildImage",
	Severity: analysis.Warning,
	Run:      runFinalStageBuildImage,
}

func runFinalStageBuildImage(p *analysis.Pass) {
	chain := finalImage(p)
	if len(chain) == 0 || !applicationImage(p) || !runsSomething(p) {
		return
	}
	root := chain[0]
	m, ok := images.Lookup(root.BaseValue)
	if !ok || root.Base == "" {
		return
	}
	// A tool image that runs its own toolchain (CMD ["go", "test"]) needs it.
	if prog, _, _ := entrypoint(p); toolchainPrograms[m.Image.Ecosystem][prog] {
		return
	}
	runtimes := m.Runtimes()
	if len(runtimes) == 0 {
		return
	}
	d := analysis.Diagnostic{Range: root.BaseRange}
	what := fmt.Sprintf("%s (%s, about %d MB compressed; an estimate)", root.BaseValue, m.Image.What, m.SizeMB)
	via := ""
	if root != chain[len(chain)-1] {
		via = fmt.Sprintf(" (through stage %s)", root.Label())
	}
	suggest := fmt.Sprintf("%s (about %d MB)", runtimes[0], m.Image.RuntimeMB)
	cgoNote := ""
	if m.Image.Ecosystem == "go" {
		if cgo, musl := cgoBuild(p, chain); cgo {
			// A cgo binary needs the C library it was linked against:
			// never scratch or distroless/static, and Alpine only for a
			// musl build.
			runtimes, suggest = []string{"gcr.io/distroless/base-debian12", "debian:bookworm-slim"}, "gcr.io/distroless/base-debian12"
			if musl {
				runtimes, suggest = []string{"alpine"}, "alpine"
			}
			cgoNote = "the program is built with cgo, so it needs the C library it was linked against"
		}
	}
	if len(runtimes) > 1 {
		suggest += " or " + strings.Join(runtimes[1:], " or ")
	}
	switch m.Image.Kind {
	case images.BuildBase:
		// The official language images are built on buildpack-deps on
		// purpose; only an application built or copied in here is a finding.
		if !buildsInImage(p, chain) && !copiesContext(chain) {
			return
		}
		d.Severity = analysis.Information
		d.Message = fmt.Sprintf("the final image%s is based on %s: an application rarely needs compilers at run time; build in another stage and run on %s",
			via, what, suggest)
	case images.Full:
		d.Severity = analysis.Hint
		d.Message = fmt.Sprintf("the final image%s is based on %s; %s runs the same code (if an install step compiles native modules, do that in a build stage)",
			via, what, suggest)
		r := root.BaseRange
		if slim, ok := m.SlimTag(); ok && m.Ref.Digest == "" && p.File.Text[r.Start:r.End] == root.Base && !strings.Contains(root.Base, "$") {
			d.Fixes = []analysis.Fix{{
				Title: fmt.Sprintf("Use %s:%s", m.Ref.Repo, slim),
				Edits: []analysis.Edit{tagEdit(root.BaseRange, root.Base, slim)},
			}}
		}
	default:
		if !buildsInImage(p, chain) {
			d.Message = fmt.Sprintf("the final image%s is based on %s, but nothing here builds: the program only needs a runtime; switch the base to %s",
				via, what, suggest)
			break
		}
		d.Message = fmt.Sprintf("the final image%s is based on %s, which the built program does not need at run time; build in this stage and copy the result into a runtime stage such as %s",
			via, what, suggest)
	}
	if cgoNote != "" {
		d.Message += "; " + cgoNote
	}
	if m.Image.Note != "" {
		d.Message += "; " + m.Image.Note
	}
	if via != "" {
		final := chain[len(chain)-1]
		d.Related = []analysis.Related{{Range: final.From.Range(), Message: "the final stage " + final.Label()}}
	}
	p.Report(d)
}

// toolchainPrograms are the commands that show a final image is a tool image
// meant to run its toolchain.
var toolchainPrograms = map[string]map[string]bool{
	"go":      {"go": true, "gofmt": true, "golangci-lint": true},
	"rust":    {"cargo": true, "rustc": true, "rustup": true},
	"c":       {"gcc": true, "g++": true, "make": true, "cc": true, "cmake": true},
	"java":    {"mvn": true, "gradle": true, "javac": true, "jshell": true},
	"haskell": {"ghc": true, "ghci": true, "stack": true, "cabal": true},
	"swift":   {"swift": true, "swiftc": true},
}

// copiesContext reports whether the chain copies the whole build context.
func copiesContext(chain []*model.Stage) bool {
	for _, n := range body(chain) {
		if _, ok := wholeContext(n); ok {
			return true
		}
	}
	return false
}

// tagEdit replaces the tag of the image reference written verbatim at r as
// base (no digest) with tag, or appends one.
func tagEdit(r syntax.Range, base, tag string) analysis.Edit {
	name := base
	if at := strings.IndexByte(name, '@'); at >= 0 {
		name = name[:at]
	}
	if colon := strings.LastIndexByte(name, ':'); colon > strings.LastIndexByte(name, '/') {
		// Replace only the tag.
		start := r.Start + colon + 1
		return analysis.Edit{Range: syntax.Range{Start: start, End: start + len(name) - colon - 1}, NewText: tag}
	}
	end := r.Start + len(name)
	return analysis.Edit{Range: syntax.Range{Start: end, End: end}, NewText: ":" + tag}
}

// cgoBuild reports whether a Go build of the chain links C code
// (facts.Stage.Linkage); musl tells a build on Alpine.
func cgoBuild(p *analysis.Pass, chain []*model.Stage) (cgo, musl bool) {
	f := facts.Of(p.Model)
	for _, s := range chain {
		st := f.Stage(s)
		if st == nil {
			continue
		}
		for _, b := range st.Builds {
			if l := st.Linkage(b); b.Ecosystem == facts.Go && l.Dynamic {
				return true, l.Libc == images.LibcMusl
			}
		}
	}
	return false, false
}
