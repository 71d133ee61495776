// Package features answers the editor in Compose and Bake files: completion
// of target values with the stage names of the Dockerfile a build uses,
// diagnostics of the builds (a missing context or Dockerfile, a target that
// names no stage), definition and hover. It also tells, for a Dockerfile,
// what the targets command and the hover of a stage say about its targets.
package features

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/spelling"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
)

// Item is one completion candidate: a named stage.
type Item struct {
	Label      string // the stage name
	InsertText string // what to insert, quoted where the file needs quotes
	Detail     string // e.g. "FROM golang:1.22 · final"
	Doc        string // where the stage is
	SortText   string // keeps the stages in file order
}

// Completion is the answer at a target value.
type Completion struct {
	Items   []Item
	Replace syntax.Range   // what an item replaces
	Build   *targets.Build // the build whose target is completed
	Err     error          // why there are no items (missing Dockerfile, ...)
}

// Target values: after `target:` (Compose), `target =` (Bake HCL) or
// `"target":` (Bake JSON), with a name partly typed or nothing yet.
var (
	composeTargetPrefix = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^\s*(?:-\s+)?|[{,]\s*)target\s*:\s*(["']?)([\w.-]*)$`)
	})
	hclTargetPrefix  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^\s*|[{,]\s*)target\s*=\s*(")?([\w.-]*)$`) })
	jsonTargetPrefix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"target"\s*:\s*(")?([\w.-]*)$`) })
)

// Complete returns the stage names that may go at off, when off is in the
// target value of a Compose service's build or of a Bake target. ok is false
// anywhere else. The file is re-read with the value blanked out when it does
// not parse as it is (a half-typed quote), so completion works mid-edit.
func Complete(p, text string, off int, r *builds.Resolver) (c Completion, ok bool) {
	kind := targets.KindOf(p)
	if !kind.IsEditorKind() || off < 0 || off > len(text) {
		return c, false
	}
	lines := syntax.NewLineIndex(text)
	line, _ := lines.Position(off)
	start, end := lines.LineStart(line), lines.LineEnd(line)
	before := text[start:off]
	re := composeTargetPrefix
	json := kind == targets.Bake && strings.HasSuffix(strings.ToLower(p), ".json")
	switch {
	case json:
		re = jsonTargetPrefix
	case kind == targets.Bake:
		re = hclTargetPrefix
	}
	m := re().FindStringSubmatchIndex(before)
	if m == nil {
		return c, false
	}
	quoted := m[2] >= 0 && m[3] > m[2]
	typedStart := start + m[4]
	replaceEnd := off
	for replaceEnd < end && isNameByte(text[replaceEnd]) {
		replaceEnd++
	}
	c.Replace = syntax.Range{Start: typedStart, End: replaceEnd}

	d := builds.Parse(p, text)
	b := buildWithTargetOn(d, line)
	if b == nil {
		// Blank the value out and read the file again.
		valueStart := start + m[2]
		if !quoted {
			valueStart = typedStart
		}
		blank := ""
		if kind == targets.Bake {
			blank = `""`
			if strings.HasSuffix(strings.TrimSpace(text[off:end]), ",") {
				blank += ","
			}
		}
		d = builds.Parse(p, text[:valueStart]+blank+text[end:])
		b = buildWithTargetOn(d, line)
	}
	if b == nil {
		return c, false
	}
	c.Build = b
	r.Resolve(d)
	df, err := r.Dockerfile(b)
	if err != nil {
		c.Err = err
		return c, true
	}
	needQuotes := kind == targets.Bake && !quoted
	for i, s := range df.Model.Stages {
		if s.Name == "" {
			continue
		}
		it := Item{Label: s.Name, InsertText: s.Name, SortText: fmt.Sprintf("%04d", i), Detail: stageDetail(df.Model, s)}
		if needQuotes {
			it.InsertText = `"` + s.Name + `"`
		}
		it.Doc = fmt.Sprintf("Stage %d of %s, line %d.", s.Index, displayPath(p, df), lineOf(df.File, s.From.Offset)+1)
		c.Items = append(c.Items, it)
	}
	return c, true
}

func buildWithTargetOn(d *targets.Doc, line int) *targets.Build {
	for _, b := range d.Builds {
		if b.Target.Set && b.Target.Line == line {
			return b
		}
	}
	return nil
}

func isNameByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func stageDetail(m *model.Model, s *model.Stage) string {
	detail := "FROM " + s.Base
	if s.Base == "" {
		detail = "FROM"
	}
	if s == m.Stages[len(m.Stages)-1] {
		detail += " · final stage"
	}
	return detail
}

func lineOf(f *syntax.File, off int) int {
	line, _ := f.Lines().Position(off)
	return line
}

// displayPath names a Dockerfile relative to the folder of the file that
// refers to it, the way the user wrote it.
func displayPath(from string, df *builds.Dockerfile) string {
	if df.Inline {
		return "the inline Dockerfile"
	}
	return targets.RelPath(filepath.Dir(from), df.Path)
}

// Diagnose reports what is wrong with the builds of d: a file that does not
// parse, a context folder or a Dockerfile that does not exist, a target that
// names no stage of its Dockerfile.
func Diagnose(d *targets.Doc, r *builds.Resolver) []analysis.Diagnostic {
	out := append([]analysis.Diagnostic(nil), d.Problems...)
	r.Resolve(d)
	dir := filepath.Dir(d.Path)
	for _, b := range d.Builds {
		what := b.Describe()
		// A Bake target that sets none of these is a template for others
		// to inherit, not a build of its own.
		if b.Kind == targets.Bake && !b.Context.Set && !b.Dockerfile.Set && !b.Target.Set {
			continue
		}
		if b.ContextDir == "" {
			continue
		}
		if st, err := os.Stat(b.ContextDir); err != nil || !st.IsDir() {
			at := b.NameRange
			if b.Context.Set {
				at = b.Context.Range
			}
			out = append(out, targets.NewDiagnostic(targets.RuleMissingContext, analysis.Warning, at,
				"the build context %s of %s is not a folder that exists", quoteRel(dir, b.ContextDir), what))
			continue
		}
		df, err := r.Dockerfile(b)
		if err != nil {
			if err == builds.ErrUnresolved {
				continue
			}
			at := b.NameRange
			switch {
			case b.Dockerfile.Set:
				at = b.Dockerfile.Range
			case b.Context.Set:
				at = b.Context.Range
			case b.Target.Set:
				at = b.Target.Range
			}
			msg := fmt.Sprintf("%s builds %s, which does not exist", what, quoteRel(dir, b.DockerfilePath))
			if !builds.IsNotExist(err) {
				msg = fmt.Sprintf("%s builds %s, which cannot be read: %v", what, quoteRel(dir, b.DockerfilePath), err)
			}
			out = append(out, targets.NewDiagnostic(targets.RuleMissingDockerfile, analysis.Warning, at, "%s", msg))
			continue
		}
		if !b.Target.Set || !b.Target.Literal || b.Target.Text == "" {
			continue
		}
		if df.Model.StageByName(b.Target.Text) != nil {
			continue
		}
		out = append(out, unknownTarget(d, b, df))
	}
	return out
}

func quoteRel(dir, p string) string { return fmt.Sprintf("%q", targets.RelPath(dir, p)) }

// unknownTarget is the error BuildKit would fail the build with, with the
// closest stage name as a fix.
func unknownTarget(d *targets.Doc, b *targets.Build, df *builds.Dockerfile) analysis.Diagnostic {
	names := stageNames(df.Model)
	where := displayPath(d.Path, df)
	var msg string
	if len(names) == 0 {
		msg = fmt.Sprintf("target %q is not a stage of %s, which has no named stages (FROM … AS name)", b.Target.Text, where)
	} else {
		msg = fmt.Sprintf("target %q is not a stage of %s; its stages are %s", b.Target.Text, where, strings.Join(names, ", "))
	}
	dg := targets.NewDiagnostic(targets.RuleUnknownTarget, analysis.Error, b.Target.Range, "%s", msg)
	if best := spelling.Suggest(b.Target.Text, names); best != "" {
		dg.Message = fmt.Sprintf("target %q is not a stage of %s; did you mean %q?", b.Target.Text, where, best)
		dg.Fixes = []analysis.Fix{{
			Title:     fmt.Sprintf("Change the target to %s", best),
			Edits:     []analysis.Edit{{Range: b.Target.Range, NewText: best}},
			Preferred: true,
		}}
	}
	return dg
}

func stageNames(m *model.Model) []string {
	var names []string
	for _, s := range m.Stages {
		if s.Name != "" {
			names = append(names, s.Name)
		}
	}
	return names
}

// Location is a place in a file: a Dockerfile, or the Compose or Bake file
// itself for an inline Dockerfile.
type Location struct {
	Path  string
	Text  string // the file's text, to convert Range to lines and columns
	Range syntax.Range
}

// Definition answers at a target value with the name of the stage (after
// AS), and at a dockerfile value with the Dockerfile itself.
func Definition(d *targets.Doc, off int, r *builds.Resolver) (Location, bool) {
	b, v := d.BuildAt(off)
	if b == nil || v == &b.Context {
		return Location{}, false
	}
	r.Resolve(d)
	df, err := r.Dockerfile(b)
	if err != nil {
		return Location{}, false
	}
	if v == &b.Dockerfile {
		if df.Inline {
			return Location{}, false
		}
		return Location{Path: df.Path, Text: df.File.Text}, true
	}
	s := df.Model.StageByName(b.Target.Text)
	if s == nil {
		return Location{}, false
	}
	if df.Inline {
		return inlineStage(d, b, s.Name)
	}
	return Location{Path: df.Path, Text: df.File.Text, Range: s.NameRange}, true
}

// inlineStage finds `AS name` in the text of an inline Dockerfile, after the
// dockerfile_inline key. Block scalars keep their lines, so the stage name is
// there as written.
func inlineStage(d *targets.Doc, b *targets.Build, name string) (Location, bool) {
	if !b.Inline.Set {
		return Location{}, false
	}
	re := regexp.MustCompile(`(?i)\bAS[ \t]+(` + regexp.QuoteMeta(name) + `)\b`)
	from := d.Lines().LineStart(b.Inline.Line)
	if m := re.FindStringSubmatchIndex(d.Text[from:]); m != nil {
		return Location{Path: d.Path, Text: d.Text, Range: syntax.Range{Start: from + m[2], End: from + m[3]}}, true
	}
	return Location{}, false
}

// Hover describes the stage a target value names, or the stages of the
// Dockerfile a dockerfile value names.
func Hover(d *targets.Doc, off int, r *builds.Resolver, markdown bool) (text string, at syntax.Range, ok bool) {
	b, v := d.BuildAt(off)
	if b == nil || v == &b.Context {
		return "", syntax.Range{}, false
	}
	r.Resolve(d)
	df, err := r.Dockerfile(b)
	code := func(s string) string {
		if markdown {
			return "`" + s + "`"
		}
		return s
	}
	if err != nil {
		if err == builds.ErrUnresolved {
			return "", syntax.Range{}, false
		}
		return fmt.Sprintf("%s builds %s, which cannot be read: %v", b.Describe(), code(targets.RelPath(filepath.Dir(d.Path), b.DockerfilePath)), err), v.Range, true
	}
	where := displayPath(d.Path, df)
	if v == &b.Dockerfile {
		return fmt.Sprintf("%s: %d stages; targets: %s", code(where), len(df.Model.Stages), strings.Join(stageNames(df.Model), ", ")), v.Range, true
	}
	s := df.Model.StageByName(b.Target.Text)
	if s == nil {
		if !b.Target.Literal {
			return "", syntax.Range{}, false
		}
		return fmt.Sprintf("%s is not a stage of %s; its stages are %s", code(b.Target.Text), code(where), strings.Join(stageNames(df.Model), ", ")), v.Range, true
	}
	var sb strings.Builder
	if markdown {
		fmt.Fprintf(&sb, "**Stage `%s`** of `%s` (stage %d of %d, line %d)", s.Name, where, s.Index, len(df.Model.Stages), lineOf(df.File, s.From.Offset)+1)
	} else {
		fmt.Fprintf(&sb, "Stage %s of %s (stage %d of %d, line %d)", s.Name, where, s.Index, len(df.Model.Stages), lineOf(df.File, s.From.Offset)+1)
	}
	if s == df.Model.Stages[len(df.Model.Stages)-1] {
		sb.WriteString("; the final stage, which a build without a target produces too")
	}
	from := strings.TrimSpace(s.From.Text())
	if markdown {
		fmt.Fprintf(&sb, "\n\n```dockerfile\n%s\n```", from)
	} else {
		fmt.Fprintf(&sb, "\n\n%s", from)
	}
	if deps := dependencies(df.Model, s); len(deps) > 0 {
		fmt.Fprintf(&sb, "\n\nBuilds %s too.", strings.Join(deps, ", "))
	}
	return sb.String(), v.Range, true
}

// dependencies are the other stages a build of s needs, in file order.
func dependencies(m *model.Model, s *model.Stage) []string {
	need := m.Reachable(s)
	var out []string
	for _, o := range m.Stages {
		if o != s && need[o] {
			out = append(out, o.Label())
		}
	}
	return out
}
