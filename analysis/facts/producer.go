package facts

import (
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Producer is the file of the stage's chain that provides p, read from the
// stage's root as COPY --from reads it: the last instruction that writes p
// exactly, else the last one whose directory or glob holds it; nil when
// the facts know of none. With a build context, the outputs of Node builds
// are those it settles (ProducesIn); a nil ctx reads the document alone.
func (s *Stage) Producer(p string, ctx *buildcontext.Context) *File {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	p = path.Clean(p)
	var exact, inside *File
	for _, f := range s.ProducesIn(ctx) {
		switch {
		case f.Path == p:
			exact = f
		case f.Covers(p):
			inside = f
		}
	}
	if exact != nil {
		return exact
	}
	return inside
}

// BuiltBy is the build step whose output f is: f itself, or the file a
// cp, mv, ln or install of the stage took it from, followed a few steps.
func (s *Stage) BuiltBy(f *File, ctx *buildcontext.Context) *Build {
	for hops := 0; f != nil && hops < 4; hops++ {
		if f.Build != nil {
			return f.Build
		}
		if f.Origin != Moved || f.Source == "" {
			return nil
		}
		f = s.Producer(f.Source, ctx)
	}
	return nil
}

// Summary is an instruction on one line, blanks and continuations
// collapsed, cut to at most max bytes: what an editor shows as the
// instruction behind a fact.
func Summary(n syntax.Node, max int) string {
	t := n.Text()
	if i := strings.Index(t, "<<"); i > 0 && len(n.Heredocs()) > 0 {
		t = t[:i] + "<<…"
	}
	t = strings.NewReplacer("\\\r\n", " ", "\\\n", " ").Replace(t)
	t = strings.Join(strings.Fields(t), " ")
	if len(t) > max {
		cut := max - len("…")
		for cut > 0 && !utf8Start(t[cut]) {
			cut--
		}
		t = t[:cut] + "…"
	}
	return t
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
