package refactor_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildkit"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// TestActionsCorpus is the invariant of every code action the engine
// offers, over both corpora: the quick fixes of every finding (the
// project's rules and BuildKit's, as check.Run reports them) and every
// refactoring offered at the start of each stage and on a selection of
// each stage's middle instructions. Each is applied to the file and:
//   - nothing panics, and the edits are sorted and disjoint;
//   - what gets built changes no more than the action says (see mayChange):
//     the shape of the final stage's build (the stages it needs and their
//     bases), and the images any stage would pull;
//   - no stage reference is left dangling (no new UnknownStage or
//     StageIndexOutOfRange) and BuildKit reports no new error;
//   - BuildKit's parser accepts the result when it accepted the input, and
//     the refactorings that keep behaviour (name, extract) leave the final
//     target running the same commands.
func TestActionsCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus sweep")
	}
	counts := map[string]int{}
	for _, set := range []string{"real", "naive"} {
		for _, path := range corpus.Files(t, set) {
			if strings.HasSuffix(path, ".tsv") || strings.HasSuffix(path, ".md") {
				continue
			}
			rel, _ := filepath.Rel(corpus.Dir(), path)
			checkActions(t, rel, corpus.Read(t, path), counts)
		}
	}
	var keys []string
	for k, n := range counts {
		keys = append(keys, k+"="+itoa(n))
	}
	sort.Strings(keys)
	t.Logf("actions applied on both corpora: %s", strings.Join(keys, ", "))
}

// change is what an action may change of the build.
type change int

const (
	// keepsBuild: the final stage's build has the same shape and no stage
	// pulls an image it did not pull before. The default.
	keepsBuild change = iota
	// rewiresStages: stages may be added or rewired, even in the final
	// stage's build, but no new image is pulled.
	rewiresStages
	// changesImages: the action picks another base image; its title names it.
	changesImages
)

// mayChange lists the actions, by refactoring ID or by the rule whose fix
// they are, that change the build by design, each with the title that says so.
var mayChange = map[string]change{
	"extract":              rewiresStages, // "Extract ... into a new stage 'deps'": the stage builds on the new one
	"UnknownStage":         rewiresStages, // "Did you mean 'build'?": --from names the stage, not an image
	"split":                changesImages, // "Split into ... stages": a runtime image for the final stage
	"use-runtime":          changesImages, // "Use <image> for the final stage"
	"FinalStageBuildImage": changesImages, // "Use <repo>:<slim tag>"
	// "Drop --platform=$BUILDPLATFORM": the final stage's bases are pulled
	// for the target platform.
	"RuntimeOnBuildPlatform": rewiresStages,
}

// offer is one code action: a refactoring or a finding's fix.
type offer struct {
	kind  string // the refactoring's ID up to ':', or the rule of the fix
	id    string
	title string
	edits []analysis.Edit
}

// offers lists every action the engine has for text: each finding's fixes
// and the refactorings at the start of each stage and on its middle.
func offers(f *syntax.File, m *model.Model) []offer {
	var out []offer
	seen := map[string]bool{}
	for _, d := range check.Run(context.Background(), f, check.Config{}) {
		for _, fx := range d.Fixes {
			id := fmt.Sprintf("%s@%d:%s", d.Rule, d.Range.Start, fx.Title)
			if !seen[id] {
				seen[id] = true
				out = append(out, offer{kind: d.Rule, id: id, title: fx.Title, edits: fx.Edits})
			}
		}
	}
	var sels []syntax.Range
	for _, s := range m.Stages {
		sels = append(sels, syntax.Range{Start: s.From.Offset, End: s.From.Offset})
		if len(s.Body) >= 3 {
			sels = append(sels, syntax.Range{Start: s.Body[1].Offset, End: s.Body[len(s.Body)/2].Range().End})
		}
	}
	for _, sel := range sels {
		for _, a := range refactor.Actions(f, m, sel) {
			if !seen[a.ID] {
				seen[a.ID] = true
				kind, _, _ := strings.Cut(a.ID, ":")
				out = append(out, offer{kind: kind, id: a.ID, title: a.Title, edits: a.Edits})
			}
		}
	}
	return out
}

// checkActions applies every action offered on text and checks the
// invariant of TestActionsCorpus.
func checkActions(t *testing.T, rel, text string, counts map[string]int) {
	f := syntax.Parse(text)
	m := model.Build(f)
	_, parseErr := buildkitStages(text)
	var before *buildState
	for _, o := range offers(f, m) {
		counts[o.kind]++
		fail := func(format string, args ...any) {
			t.Helper()
			t.Errorf("%s: %s %q: %s", rel, o.kind, o.title, fmt.Sprintf(format, args...))
		}
		if !sort.SliceIsSorted(o.edits, func(i, j int) bool { return o.edits[i].Range.Start < o.edits[j].Range.Start }) {
			fail("edits are unsorted")
		}
		for i := 1; i < len(o.edits); i++ {
			if o.edits[i].Range.Start < o.edits[i-1].Range.End {
				fail("edits overlap")
			}
		}
		got := refactor.ApplyEdits(text, o.edits)
		if before == nil {
			before = stateOf(t, text)
		}
		after := stateOf(t, got)
		allowed := mayChange[o.kind]
		if allowed < rewiresStages && after.final != before.final {
			fail("the final stage's build changes:\n  before: %s\n  after:  %s", before.finalDesc, after.finalDesc)
		}
		if allowed < changesImages {
			if pulled := newKeys(before.pulled, after.pulled); len(pulled) > 0 {
				fail("a stage now pulls %s", strings.Join(pulled, ", "))
			}
		}
		if dangling := newKeys(before.dangling, after.dangling); len(dangling) > 0 {
			fail("leaves a reference dangling: %s", strings.Join(dangling, "; "))
		}
		if errs := newKeys(before.errors, after.errors); len(errs) > 0 {
			fail("BuildKit reports a new error: %s", strings.Join(errs, "; "))
		}
		if parseErr != nil {
			continue
		}
		if _, err := buildkitStages(got); err != nil {
			fail("BuildKit rejects the result: %v", err)
			continue
		}
		if o.kind == "name-stage" || o.kind == "extract" {
			n0, err1 := llbExecCount(text)
			n1, err2 := llbExecCount(got)
			if err1 == nil && (err2 != nil || n0 != n1) {
				fail("the final target runs %d commands before and %d after (%v)", n0, n1, err2)
			}
		}
	}
}

// buildState is what the invariant compares before and after an action.
type buildState struct {
	final     string         // shape of the final stage's build
	finalDesc string         // the same, readable
	pulled    map[string]int // images any stage pulls: bases and --from values
	dangling  map[string]int // references UnknownStage and StageIndexOutOfRange report
	errors    map[string]int // BuildKit's hard errors
}

func stateOf(t *testing.T, text string) *buildState {
	t.Helper()
	f := syntax.Parse(text)
	m := model.Build(f)
	st := &buildState{pulled: map[string]int{}, dangling: map[string]int{}, errors: map[string]int{}}
	shape := shapes(m)
	if final := m.Final(""); final != nil {
		st.final = shape(final)
		var desc []string
		for s := range m.Reachable(final) {
			base := s.BaseValue
			if s.Parent != nil {
				base = "stage " + s.Parent.Label()
			}
			desc = append(desc, s.Label()+" <- "+base)
		}
		sort.Strings(desc)
		st.finalDesc = strings.Join(desc, ", ")
	}
	for _, s := range m.Stages {
		if s.Parent == nil {
			st.pulled[s.BaseValue]++
		}
	}
	for _, r := range m.Refs {
		if r.Kind != model.RefFrom && r.Target == nil && !r.ByIndex && r.Value != "" {
			st.pulled[r.Value]++
		}
	}
	for _, d := range check.Run(context.Background(), f, check.Config{DisableBuildKit: true}) {
		if d.Rule == "UnknownStage" || d.Rule == "StageIndexOutOfRange" {
			// Keyed by the reference, not the message: removing a stage
			// may change the "did you mean" of a reference already dangling.
			st.dangling[d.Rule+" "+text[d.Range.Start:d.Range.End]]++
		}
	}
	ds, err := buildkit.Lint(context.Background(), f, buildkit.Options{Timeout: time.Minute})
	if err != nil {
		t.Fatalf("BuildKit gave no answer: %v", err)
	}
	for _, d := range ds {
		if d.Rule == buildkit.RuleBuildKitError && d.Severity == analysis.Error {
			st.errors[d.Message]++
		}
	}
	return st
}

// newKeys lists the keys after has more of than before.
func newKeys(before, after map[string]int) []string {
	var out []string
	for k, n := range after {
		if n > before[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// shapes describes what building a stage takes, whatever the stages are
// called and wherever they are: its platform, its base (an image, or the
// shape of the stage it builds on) and the shapes of the stages it copies
// or mounts from. Two builds of one shape need the same stages on the same
// bases. The stages a --build-arg could select (Ref.Candidates) are left
// out: `FROM $BASE` could select any stage, so every stage added would
// change the shape.
func shapes(m *model.Model) func(*model.Stage) string {
	memo := map[*model.Stage]string{}
	var shape func(s *model.Stage) string
	shape = func(s *model.Stage) string {
		if h, ok := memo[s]; ok {
			return h
		}
		memo[s] = "cycle"
		var b strings.Builder
		fmt.Fprintf(&b, "platform %q; ", s.Platform)
		if s.Parent != nil {
			fmt.Fprintf(&b, "on %s; ", shape(s.Parent))
		} else {
			fmt.Fprintf(&b, "on image %q; ", s.BaseValue)
		}
		var deps []string
		for _, d := range m.Deps(s) {
			if d != s.Parent {
				deps = append(deps, shape(d))
			}
		}
		sort.Strings(deps)
		b.WriteString(strings.Join(deps, ","))
		sum := sha256.Sum256([]byte(b.String()))
		memo[s] = hex.EncodeToString(sum[:8])
		return memo[s]
	}
	return shape
}
