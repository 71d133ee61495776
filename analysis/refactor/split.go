package refactor

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// ErrNotApplicable is wrapped by the error Split returns for a file it does
// not split; the message says why.
var ErrNotApplicable = errors.New("split does not apply")

// Result is a computed split.
type Result struct {
	Text         string          // the whole new file
	Edits        []analysis.Edit // the edits from the old text to Text
	Placeholders []Placeholder
	Title        string
	Recipe       string // "go", "node-static", "node-server", "java-maven", "java-gradle", "python", "rust", "dotnet", "c", "generic"
	Runtime      string // the runtime stage's base image
}

// SplitDetail rewrites a single-stage Dockerfile that builds something into
// a build stage and a runtime stage; m is f's model, or nil to build it. The
// error wraps ErrNotApplicable, and says why, when f is not such a
// Dockerfile.
func SplitDetail(f *syntax.File, m *model.Model) (Result, error) {
	if m == nil {
		m = model.Of(f)
	}
	sf, p, err := planSplit(f, m)
	if err != nil {
		return Result{}, err
	}
	text, edits, phs := sf.assemble(p)
	return Result{
		Text: text, Edits: edits, Placeholders: phs,
		Title:   splitTitle(p),
		Recipe:  p.recipe,
		Runtime: p.rt.ref,
	}, nil
}

func splitTitle(p *plan) string {
	if p.recipe == "generic" {
		return "Split into build and runtime stages (fill in the artifact path)"
	}
	title := fmt.Sprintf("Split into build and runtime stages (%s on %s)", p.what, p.rt.ref)
	for _, c := range p.copies {
		if c.placeholder {
			return title + ", fill in the artifact path"
		}
	}
	return title
}

func notApplicable(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrNotApplicable}, args...)...)
}

// planSplit decides whether and how to split.
func planSplit(f *syntax.File, m *model.Model) (*stageFacts, *plan, error) {
	if len(m.Stages) != 1 {
		return nil, nil, notApplicable("the file has %d stages, the split needs exactly one", len(m.Stages))
	}
	st := m.Stages[0]
	if f.Escape == '`' || images.Windows(st.BaseValue) {
		return nil, nil, notApplicable("Windows images are not split")
	}
	if st.Base == "" || strings.EqualFold(st.BaseValue, "scratch") {
		return nil, nil, notApplicable("the stage has no base image to build on")
	}
	// What the image is for, from its stage name and program (the path is
	// not known here): a dev, test or tool image keeps its toolchain on
	// purpose.
	if in := facts.IntentOf("", facts.Of(m).Stage(st), nil); in.NonShipping() || in.Purpose == facts.PurposeTool {
		return nil, nil, notApplicable("it is a %s image (%s): its toolchain is the point", in.Purpose, in.Why)
	}
	if facts.Of(m).Stage(st).CompilesAtRunTime() {
		return nil, nil, notApplicable("its program compiles where it runs (a build farm, kernel modules): the toolchain must stay")
	}
	if w := facts.Of(m).Stage(st).NodeWorkspace(); w != "" {
		return nil, nil, notApplicable("it is a workspace app (%s): its node_modules link into the workspace root's store, which a runtime stage holding one package would not have", w)
	}
	sf := readStage(f, m, st)
	if !sf.entry.set {
		return nil, nil, notApplicable("the image sets no CMD or ENTRYPOINT, so there is no program whose artifacts a runtime stage could hold")
	}
	if sf.buildsAndCleans() {
		return nil, nil, notApplicable("the build removes its tools in the same RUN, as the official images do: the image keeps only the result already")
	}
	p := chooseRecipe(sf)
	if p == nil && len(facts.Of(m).Stage(st).Builds) == 0 && images.Classify(st.BaseValue).Class == images.ClassToolchain {
		return nil, nil, notApplicable("%s is a toolchain (JDK/SDK) image and this file builds no application of its own: there is nothing for a runtime stage to hold", st.BaseValue)
	}
	if p == nil {
		return nil, nil, notApplicable("no build step was recognised (go build, cargo build, mvn package, npm run build, pip install, dotnet publish, make...)")
	}
	// A recipe that looked for a runtime image and found only the build's
	// own devel image (nvidia/cuda:…-devel) would shrink nothing. On a plain
	// OS base the runtime stage still sheds the installed build tools, and
	// the generic recipe keeps the base on purpose, as a start to edit.
	if p.recipe != "generic" && sameImage(p.rt.ref, st.BaseValue) && develImage(st.BaseValue) {
		return nil, nil, notApplicable("the runtime stage would use %s, the build's own image: it would be as large", p.rt.ref)
	}
	sf.depsFirst(p)
	sf.nonRoot(p)
	return sf, p, nil
}

// sameImage reports two image references that name one image (the
// default tag and registry spelled or not).
func sameImage(a, b string) bool {
	ra, rb := images.ParseRef(a), images.ParseRef(b)
	return ra.Repo != "" && ra == rb
}

// develImage reports a base that carries a toolchain: a language toolchain
// image, or a tag that says devel or sdk.
func develImage(ref string) bool {
	if images.Classify(ref).Class == images.ClassToolchain {
		return true
	}
	for _, t := range strings.FieldsFunc(images.ParseRef(ref).Tag, func(r rune) bool { return r == '-' || r == '.' || r == '_' }) {
		if t == "devel" || t == "sdk" {
			return true
		}
	}
	return false
}

// splitActions offers the split on a single-stage file, wherever the
// selection is.
func splitActions(q *query) []Action {
	if len(q.m.Stages) != 1 {
		return nil
	}
	sf, p, err := planSplit(q.f, q.m)
	if err != nil {
		return nil
	}
	return []Action{{
		ID:        "split",
		Title:     splitTitle(p),
		Kind:      KindRewrite,
		Preferred: p.recipe != "generic",
		compute: func() ([]analysis.Edit, []Placeholder) {
			_, edits, phs := sf.assemble(p)
			return edits, phs
		},
	}}
}

// buildsAndCleans reports the official images' pattern: every RUN that
// compiles also removes the build dependencies or the sources (apk del
// .build-deps, apt-get purge --auto-remove, rm -rf /usr/src/x).
func (sf *stageFacts) buildsAndCleans() bool {
	st := facts.Of(sf.m).Stage(sf.st)
	return st != nil && st.Compiles() && len(st.ShippedBuilds()) == 0
}
