// Package buildkit runs BuildKit's own Dockerfile checks — the ones
// `docker build --check` runs — in-process and offline, and turns what they
// report into the project's diagnostics.
//
// BuildKit (frontend/dockerfile/dockerfile2llb.DockerfileLint) is the
// authority on what a Dockerfile means, but it was written for builds: it
// resolves base images over the network, reports only line numbers, stops at
// the first hard error, and knows nothing of editors. This package
//
//   - answers image lookups from memory with a realistic config (platform as
//     asked, a PATH, and the ENV of well-known base images: images.Env), so
//     that it never touches the network or a daemon;
//   - hands BuildKit what a build's frontend would: the context's
//     .dockerignore patterns (for CopyIgnoredFile) and the
//     BUILDKIT_DOCKERFILE_CHECK build argument, which replaces the
//     `# check=` directive (gateway.go);
//   - rewrites the ADD sources that would make BuildKit scan an SSH host
//     key, and checks with BuildKit's own parser that none is left, so that
//     a Dockerfile cannot make the lint reach the network (offline.go);
//   - bounds every run by the caller's context and a timeout, limits how many
//     runs are in flight, recovers BuildKit's panics, and caches outcomes by
//     input; a run that gives no answer leaves a note saying so, never a
//     silent gap;
//   - narrows each line-wide warning to the offending word using the
//     project's scanner (the keyword, the flag value, the stage name, the
//     variable `$NAME`, the key);
//   - turns the hard error into an Error diagnostic (with a "did you mean"
//     that does not change between runs), except when a FROM only
//     lacks a --build-arg: that becomes a hint naming the argument, and the
//     file is linted again with a placeholder value so that the rest of the
//     checks still run;
//   - removes false positives measured on the real corpus (suppress.go), and
//     leaves DuplicateStageName and ReservedStageName to the project's rules
//     of the same name, which have precise ranges and related information.
//
// Diagnostics carry Source "buildkit" (so users can tell BuildKit's verdicts
// from the project's, and find the same names in `docker build --check`), the
// rule's name as Rule and its docs.docker.com page as URL.
package buildkit

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/spelling"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// Source is the Diagnostic.Source of every diagnostic of this package.
const Source = "buildkit"

// RuleBuildKitError names BuildKit's hard error (a parse error, an invalid
// instruction, a base name that cannot be resolved...). BuildKit stops at the
// first one, so there is at most one.
const RuleBuildKitError = "BuildKitError"

// RuleBuildKitIncomplete names the note that BuildKit's checks gave no
// answer (time limit, internal error, or a file they cannot check offline),
// so that their findings are known to be missing rather than absent.
const RuleBuildKitIncomplete = "BuildKitIncomplete"

// ErrorURL documents RuleBuildKitError: the Dockerfile reference.
const ErrorURL = "https://docs.docker.com/reference/dockerfile/"

// Options tune one run.
type Options struct {
	// Timeout bounds the run; zero means DefaultTimeout.
	Timeout time.Duration
	// BuildArgs are the --build-arg values the user builds with, if known.
	// BUILDKIT_DOCKERFILE_CHECK among them replaces the `# check=` directive,
	// as in a build.
	BuildArgs map[string]string
	// IgnorePatterns are the build context's .dockerignore patterns as
	// ignorefile.ReadAll returns them; nil when the context is unknown.
	// BuildKit's CopyIgnoredFile check reads nothing else.
	IgnorePatterns []string
}

// Rule is one of BuildKit's checks. Description is BuildKit's; it is empty
// for the project's notes about BuildKit's run, which RULES.md documents.
type Rule struct {
	Name, Description, URL string
	Experimental           bool // runs only when `# check=experimental=...` asks
}

// Rules lists BuildKit's checks, from its linter package, plus
// RuleBuildKitError and RuleBuildKitIncomplete.
var Rules = []Rule{
	rule(&linter.RuleStageNameCasing),
	rule(&linter.RuleFromAsCasing),
	rule(&linter.RuleNoEmptyContinuation),
	rule(&linter.RuleConsistentInstructionCasing),
	rule(&linter.RuleDuplicateStageName),
	rule(&linter.RuleReservedStageName),
	rule(&linter.RuleJSONArgsRecommended),
	rule(&linter.RuleMaintainerDeprecated),
	rule(&linter.RuleUndefinedArgInFrom),
	rule(&linter.RuleWorkdirRelativePath),
	rule(&linter.RuleUndefinedVar),
	rule(&linter.RuleMultipleInstructionsDisallowed),
	rule(&linter.RuleLegacyKeyValueFormat),
	rule(&linter.RuleInvalidBaseImagePlatform),
	rule(&linter.RuleRedundantTargetPlatform),
	rule(&linter.RuleSecretsUsedInArgOrEnv),
	rule(&linter.RuleInvalidDefaultArgInFrom),
	rule(&linter.RuleFromPlatformFlagConstDisallowed),
	rule(&linter.RuleCopyIgnoredFile),
	rule(&linter.RuleInvalidDefinitionDescription),
	rule(&linter.RuleExposeProtoCasing),
	rule(&linter.RuleExposeInvalidFormat),
	// The project's notes about BuildKit's run: RULES.md describes them.
	{Name: RuleBuildKitError, URL: ErrorURL},
	{Name: RuleBuildKitIncomplete, URL: analysis.DocURL(RuleBuildKitIncomplete)},
}

func rule[F any](r *linter.LinterRule[F]) Rule {
	return Rule{Name: r.Name, Description: r.Description, URL: r.URL, Experimental: r.Experimental}
}

// RuleByName finds one of BuildKit's checks.
func RuleByName(name string) (Rule, bool) {
	for _, r := range Rules {
		if r.Name == name {
			return r, true
		}
	}
	return Rule{}, false
}

// OwnedByProject lists BuildKit checks that the project's own rules of the
// same name report instead (with exact ranges, related locations, and on the
// keystroke path); BuildKit's copies are dropped.
var OwnedByProject = map[string]bool{
	linter.RuleDuplicateStageName.Name: true,
	linter.RuleReservedStageName.Name:  true,
}

// Lint runs BuildKit's checks over f. The error is non-nil only when BuildKit
// gave no opinion at all (timeout, cancellation, a panic inside BuildKit, a
// source that would reach the network); the project's own rules are
// unaffected. Unless the caller cancelled, the diagnostics then hold one
// RuleBuildKitIncomplete note saying that BuildKit's findings are missing.
func Lint(ctx context.Context, f *syntax.File, opts Options) ([]analysis.Diagnostic, error) {
	if strings.TrimSpace(strings.TrimPrefix(f.Text, "\ufeff")) == "" {
		return nil, nil // "the Dockerfile cannot be empty" helps nobody typing
	}
	m := model.Of(f)
	mp := newMapper(f, m, opts.BuildArgs)
	in := input{text: neutralizeRemoteSources(f), platform: platformOf(f, m), buildArgs: opts.BuildArgs, ignore: opts.IgnorePatterns}
	var notes []analysis.Diagnostic
	if mp.checkArgErr != nil {
		// A build fails at once; lint by the directive instead, after saying so.
		in.buildArgs = maps.Clone(in.buildArgs)
		delete(in.buildArgs, CheckBuildArg)
		notes = append(notes, analysis.Diagnostic{
			Rule: RuleBuildKitError, Source: Source, Severity: analysis.Error, URL: checkURL,
			Range:   mp.checkDirectiveRange(),
			Message: fmt.Sprintf("build argument %s=%q is invalid (%v): BuildKit fails the build with it; the checks below follow the file's own check directive", CheckBuildArg, opts.BuildArgs[CheckBuildArg], mp.checkArgErr),
		})
	}
	o, err := run(ctx, in, opts.Timeout)
	if err != nil {
		return append(mp.incomplete(err, opts.Timeout), notes...), err
	}
	if o.Error != nil && len(mp.needArgs) > 0 {
		// BuildKit stopped at a FROM that needs a --build-arg: lint again with
		// placeholders so that everything after it is checked too. Should the
		// placeholders not get past that FROM, its error is a real one.
		if n, ok := mp.nodeAtLine(o.Error.StartLine); ok && len(mp.needArgs[n.Offset]) > 0 {
			in2 := in
			in2.buildArgs = mp.placeholderArgs(in.buildArgs)
			o2, err := run(ctx, in2, opts.Timeout)
			if err == nil && (o2.Error == nil || o2.Error.StartLine != o.Error.StartLine) {
				o = o2
			}
			notes = append(notes, mp.incomplete(err, opts.Timeout)...)
		}
	}
	return append(mp.diagnostics(o), notes...), nil
}

// incomplete is the note that replaces the findings of a run that failed
// with err: none when there is no error or the caller cancelled (a newer
// version is on its way), else one diagnostic that says what happened.
func (mp *mapper) incomplete(err error, timeout time.Duration) []analysis.Diagnostic {
	if err == nil || errors.Is(err, context.Canceled) {
		return nil
	}
	d := analysis.Diagnostic{
		Rule:     RuleBuildKitIncomplete,
		Source:   Source,
		Severity: analysis.Information,
		URL:      analysis.DocURL(RuleBuildKitIncomplete),
		Range:    mp.firstTextLine(),
	}
	var exposed errExposedSource
	switch {
	case errors.Is(err, ErrTimeout):
		if timeout <= 0 {
			timeout = DefaultTimeout
		}
		d.Message = fmt.Sprintf("BuildKit's checks gave no answer within %v: their findings are missing (they run again on the next change)", timeout)
	case errors.As(err, &exposed):
		d.Message = "BuildKit's checks were not run: BuildKit would contact the host this ADD source names, and linting never uses the network; their findings are missing"
		if n, ok := mp.nodeAtLine(exposed.line); ok {
			d.Range = firstLine(mp.f, n)
		}
	default:
		d.Message = fmt.Sprintf("BuildKit's checks failed (%v): their findings are missing", err)
	}
	return []analysis.Diagnostic{d}
}

// platformOf picks the target platform BuildKit should assume: Windows when
// the file says so (an escape directive of '`' is the Windows convention, or a
// Windows base image), else linux/amd64. A Windows file linted for Linux gets
// WorkdirRelativePath on every C:\ path.
func platformOf(f *syntax.File, m *model.Model) ocispecs.Platform {
	p := ocispecs.Platform{OS: "linux", Architecture: "amd64"}
	if f.Escape == '`' {
		p.OS = "windows"
		return p
	}
	for _, s := range m.Stages {
		if images.Windows(s.BaseValue) {
			p.OS = "windows"
			break
		}
	}
	return p
}

// checkURL documents the check directive and BUILDKIT_DOCKERFILE_CHECK.
const checkURL = "https://docs.docker.com/reference/build-checks/"

// CheckOverride returns the BUILDKIT_DOCKERFILE_CHECK build argument when the
// build gives one: BuildKit then takes its check options (skip=, error=,
// experimental=) from it and ignores the `# check=` directive entirely. err
// is set when BuildKit would reject the value and fail the build.
func CheckOverride(buildArgs map[string]string) (value string, given bool, err error) {
	value, given = buildArgs[CheckBuildArg]
	if given {
		_, err = linter.ParseLintOptions(value)
	}
	return value, given, err
}

// mapper turns BuildKit's line-based findings into diagnostics.
type mapper struct {
	f         *syntax.File
	m         *model.Model
	buildArgs map[string]string
	lines     []int // offsets of BuildKit's lines: only "\n" ends one
	// asError is `error=true` of the check options in force (directive or
	// build argument); skip=... BuildKit applies itself.
	asError     bool
	checkArgErr error                // the check build argument is invalid
	needArgs    map[int][]*model.Var // FROM node offset → global ARGs it needs a value for
	// noDefault: FROM node offset → global ARGs it uses that have no
	// default, whether or not the build gives them.
	noDefault map[int][]*model.Var
	// inImage and inPlatform tell, per missing ARG, whether it appears in
	// an image name and in a --platform flag: its placeholder must fit.
	inImage, inPlatform map[string]bool
	undefinedAt         map[int]bool // BuildKit lines with an UndefinedVar
}

func newMapper(f *syntax.File, m *model.Model, buildArgs map[string]string) *mapper {
	mp := &mapper{f: f, m: m, buildArgs: buildArgs, lines: []int{0}, needArgs: map[int][]*model.Var{},
		noDefault: map[int][]*model.Var{}, inImage: map[string]bool{}, inPlatform: map[string]bool{}}
	for i := 0; i < len(f.Text); i++ {
		if f.Text[i] == '\n' {
			mp.lines = append(mp.lines, i+1)
		}
	}
	checkOpts, _, _, _ := parser.ParseDirective("check", []byte(f.Text))
	if v, given, err := CheckOverride(buildArgs); given {
		if mp.checkArgErr = err; err == nil {
			checkOpts = v
		}
	}
	if cfg, err := linter.ParseLintOptions(checkOpts); err == nil {
		mp.asError = cfg.ReturnAsError
	}
	mp.findMissingBuildArgs(buildArgs)
	return mp
}

// findMissingBuildArgs records, for every FROM, the global ARGs it uses that
// have no default (or an empty one) and no --build-arg value: BuildKit reads
// them as empty, so the base name is blank or invalid unless the build passes
// them.
func (mp *mapper) findMissingBuildArgs(buildArgs map[string]string) {
	for _, s := range mp.m.Stages {
		var need, noDefault []*model.Var
		seen := map[string]bool{}
		add := func(text string, platform bool) {
			for _, ref := range varRefs(text) {
				v := mp.globalArgBefore(ref.name, s.From.Offset)
				if v == nil || v.Value != "" {
					continue
				}
				if !slices.Contains(noDefault, v) {
					noDefault = append(noDefault, v)
				}
				if _, given := buildArgs[ref.name]; given {
					continue
				}
				if platform {
					mp.inPlatform[ref.name] = true
				} else {
					mp.inImage[ref.name] = true
				}
				if !seen[ref.name] {
					seen[ref.name] = true
					need = append(need, v)
				}
			}
		}
		if args := s.From.Args(); len(args) > 0 {
			add(mp.f.Text[args[0].Range.Start:args[0].Range.End], false)
		}
		if fl, ok := s.From.Flag("platform"); ok {
			add(mp.f.Text[fl.ValueRange.Start:fl.ValueRange.End], true)
		}
		if len(need) > 0 {
			mp.needArgs[s.From.Offset] = need
		}
		if len(noDefault) > 0 {
			mp.noDefault[s.From.Offset] = noDefault
		}
	}
}

// globalArgBefore is the last global ARG called name declared before off.
func (mp *mapper) globalArgBefore(name string, off int) *model.Var {
	var found *model.Var
	for _, v := range mp.m.GlobalArgs {
		if v.Name == name && v.Node.Offset < off {
			found = v
		}
	}
	return found
}

// placeholderValue stands in for a missing --build-arg in an image name: it is
// valid as a whole name, a path component and a tag.
const placeholderValue = "dockerfile-lsp-build-arg"

// placeholderArgs are the build arguments for linting past a FROM that needs
// one: the given ones, plus a placeholder for each that is missing.
func (mp *mapper) placeholderArgs(given map[string]string) map[string]string {
	args := maps.Clone(given) // the values the user gave stay
	if args == nil {
		args = map[string]string{}
	}
	for name := range mp.inImage {
		args[name] = placeholderValue
	}
	for name := range mp.inPlatform {
		if !mp.inImage[name] {
			args[name] = "linux/amd64"
		}
	}
	return args
}

// nodeAtLine finds the instruction that BuildKit's 1-based line belongs to.
func (mp *mapper) nodeAtLine(line int) (syntax.Node, bool) {
	if line < 1 || line > len(mp.lines) {
		return syntax.Node{}, false
	}
	i := mp.f.NodeAt(mp.lines[line-1])
	if i < 0 {
		return syntax.Node{}, false
	}
	n := mp.f.Node(i)
	return n, n.Kind() == syntax.KindInstruction
}

// lineRange is BuildKit's line without its leading and trailing blanks: the
// fallback when nothing narrower is found.
func (mp *mapper) lineRange(line int) syntax.Range {
	if line < 1 || line > len(mp.lines) {
		return syntax.Range{}
	}
	start := mp.lines[line-1]
	end := len(mp.f.Text)
	if line < len(mp.lines) {
		end = mp.lines[line] - 1
	}
	for end > start && (mp.f.Text[end-1] == '\r' || mp.f.Text[end-1] == ' ' || mp.f.Text[end-1] == '\t') {
		end--
	}
	for start < end && (mp.f.Text[start] == ' ' || mp.f.Text[start] == '\t') {
		start++
	}
	return syntax.Range{Start: start, End: end}
}

// checkDirectiveRange is the `# check=` directive's line, or the file's
// first line when there is none: where a problem with the check options goes.
func (mp *mapper) checkDirectiveRange() syntax.Range {
	if d, ok := mp.f.Directive("check"); ok {
		return trimRange(mp.f, d.Range)
	}
	return mp.firstTextLine()
}

// firstTextLine is the file's first non-blank line, for errors about the
// whole file.
func (mp *mapper) firstTextLine() syntax.Range {
	for l := 1; l <= len(mp.lines); l++ {
		if r := mp.lineRange(l); r.Len() > 0 {
			return r
		}
	}
	return syntax.Range{}
}

func (mp *mapper) severity() analysis.Severity {
	if mp.asError {
		return analysis.Error // BuildKit fails the build on any violation
	}
	return analysis.Warning
}

func (mp *mapper) diagnostics(o outcome) []analysis.Diagnostic {
	var out []analysis.Diagnostic
	hinted := map[int]bool{}
	mp.undefinedAt = map[int]bool{}
	for _, w := range o.Warnings {
		if w.Rule == linter.RuleUndefinedVar.Name {
			mp.undefinedAt[w.StartLine] = true
		}
	}
	for _, w := range o.Warnings {
		if OwnedByProject[w.Rule] {
			continue
		}
		n, ok := mp.nodeAtLine(w.StartLine)
		d := analysis.Diagnostic{
			Rule:     w.Rule,
			Source:   Source,
			Severity: mp.severity(),
			Message:  w.Detail,
			URL:      w.URL,
		}
		if r, known := RuleByName(w.Rule); known && r.URL != "" {
			d.URL = r.URL
		}
		if ok {
			d.Range = narrow(mp.f, n, w)
		} else {
			d.Range = mp.lineRange(w.StartLine)
		}
		if ok && w.Rule == linter.RuleInvalidDefaultArgInFrom.Name && len(mp.noDefault[n.Offset]) > 0 {
			if hinted[n.Offset] {
				continue // BuildKit reports each such FROM once per run; keep one
			}
			hinted[n.Offset] = true
			d = mp.buildArgHint(d, n)
		}
		if keep := mp.suppress(&d, n, ok, w); !keep {
			continue
		}
		if ok && w.Rule == linter.RuleLegacyKeyValueFormat.Name {
			d.Fixes = legacyKeyValueFix(n)
		}
		out = append(out, d)
	}
	if o.Error != nil {
		if d, ok := mp.hardError(*o.Error); ok {
			out = append(out, d)
		}
	}
	return out
}

// hardErrorCoveredBy maps BuildKit hard errors to the project rule that
// reports the same problem, with a better range and on the keystroke path.
var hardErrorCoveredBy = []struct{ prefix, rule string }{
	{"circular dependency detected on stage", "CircularStageDependency"},
	{"invalid stage index", "StageIndexOutOfRange"},
	{"variable expansion is not supported for --from", "VariableInCopyFrom"},
	{"'from' doesn't support variable expansion", "VariableInCopyFrom"},
}

// Covered reports whether d, one of BuildKit's findings on f, repeats what a
// project rule reported in own (with a better range, on the keystroke path):
// a hard error about a cycle, a stage index or a variable in --from, when
// that rule reported anything; a CopyIgnoredFile on a source that
// CopySourceNotFound reports as excluded; a JSONArgsRecommended on an
// instruction that ShellNotInImage reports.
func Covered(f *syntax.File, d analysis.Diagnostic, own []analysis.Diagnostic) bool {
	rule := ""
	switch d.Rule {
	case RuleBuildKitError:
		for _, c := range hardErrorCoveredBy {
			if strings.HasPrefix(d.Message, c.prefix) {
				rule = c.rule
				break
			}
		}
	case linter.RuleCopyIgnoredFile.Name:
		rule = copySourceNotFound
	case linter.RuleJSONArgsRecommended.Name:
		rule = shellNotInImage
	}
	if rule == "" {
		return false
	}
	for _, o := range own {
		if o.Rule != rule {
			continue
		}
		switch rule {
		case copySourceNotFound:
			if sameSource(f, d, o) {
				return true
			}
		case shellNotInImage:
			if sameLine(f, d, o) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// copySourceNotFound is the project rule that reports COPY and ADD sources
// the build context lacks, .dockerignore exclusions included.
const copySourceNotFound = "CopySourceNotFound"

// shellNotInImage is the project rule that reports a shell-form
// instruction in an image without a shell: there, BuildKit's advice to
// use the exec form (JSONArgsRecommended) is the same finding, weaker.
const shellNotInImage = "ShellNotInImage"

// sameLine reports whether o starts on the line where d starts.
func sameLine(f *syntax.File, d, o analysis.Diagnostic) bool {
	lineOf := func(off int) int { return strings.LastIndexByte(f.Text[:min(off, len(f.Text))], '\n') }
	return lineOf(d.Range.Start) == lineOf(o.Range.Start)
}

// sameSource reports whether o, a CopySourceNotFound, is about the source
// that d, a CopyIgnoredFile, names: o's range is that source's word, inside
// the range of d (the word, or its instruction's line when the word was not
// found), and BuildKit's message quotes it cleaned.
func sameSource(f *syntax.File, d, o analysis.Diagnostic) bool {
	if o.Range.Start < d.Range.Start || o.Range.End > d.Range.End {
		return false
	}
	file, ok := quoted(d.Message, '"')
	if !ok {
		return false
	}
	src := strings.Trim(f.Text[o.Range.Start:o.Range.End], `"'`)
	return path.Clean(src) == file || strings.TrimPrefix(path.Clean(src), "/") == file
}

// buildArgHint rewrites InvalidDefaultArgInFrom for a FROM whose base only
// lacks a --build-arg: the file is fine, the build just needs the argument.
// BuildKit checks the defaults only, so it reports the FROM even when the
// build gives every argument: the finding then stays a hint, and says so.
func (mp *mapper) buildArgHint(d analysis.Diagnostic, n syntax.Node) analysis.Diagnostic {
	if !mp.asError {
		d.Severity = analysis.Hint
	}
	need := mp.needArgs[n.Offset]
	if len(need) == 0 {
		var names []string
		for _, v := range mp.noDefault[n.Offset] {
			names = append(names, v.Name)
			d.Related = append(d.Related, analysis.Related{Range: v.NameRange, Message: fmt.Sprintf("ARG %s is declared here without a default", v.Name)})
		}
		d.Message = fmt.Sprintf("this FROM builds only when the build passes %s (no default); the build arguments in use give %s",
			strings.Join(names, ", "), map[bool]string{true: "them", false: "it"}[len(names) > 1])
		return d
	}
	names := make([]string, len(need))
	flags := make([]string, len(need))
	for i, v := range need {
		names[i] = v.Name
		flags[i] = "--build-arg " + v.Name + "=…"
		d.Related = append(d.Related, analysis.Related{Range: v.NameRange, Message: fmt.Sprintf("ARG %s is declared here without a default", v.Name)})
	}
	plural := ""
	if len(need) > 1 {
		plural = "s"
	}
	d.Message = fmt.Sprintf("this FROM needs %s: build argument%s %s %s no default, so without %s the base image name is empty or invalid",
		strings.Join(flags, " "), plural, strings.Join(names, ", "), map[bool]string{true: "have", false: "has"}[len(need) > 1], map[bool]string{true: "them", false: "it"}[len(need) > 1])
	return d
}

// hardError turns BuildKit's first hard error into a diagnostic.
func (mp *mapper) hardError(e finding) (analysis.Diagnostic, bool) {
	d := analysis.Diagnostic{
		Rule:     RuleBuildKitError,
		Source:   Source,
		Severity: analysis.Error,
		Message:  stableSuggestion(cleanErrorMessage(e.Detail)),
		URL:      ErrorURL,
	}
	if strings.HasPrefix(e.Detail, "lint violation found for rules:") {
		// `# check=error=true` summarised: every warning is an Error already.
		return d, false
	}
	if e.StartLine == 0 {
		// No location: find the instruction the message is about.
		if r, ok := mp.locate(e.Detail); ok {
			d.Range = r
		} else {
			d.Range = mp.firstTextLine()
		}
		return d, true
	}
	n, ok := mp.nodeAtLine(e.StartLine)
	if !ok {
		if d.Range = mp.lineRange(e.StartLine); d.Range.Len() == 0 {
			d.Range = mp.firstTextLine() // "file with no instructions" points at a blank line
		}
		return d, true
	}
	d.Range = firstLine(mp.f, n)
	if n.Command() == "FROM" {
		if args := n.Args(); len(args) > 0 {
			d.Range = args[0].Range
		}
	}
	return d, true
}

// cleanErrorMessage drops what the diagnostic's range already says.
func cleanErrorMessage(msg string) string {
	if rest, ok := strings.CutPrefix(msg, "dockerfile parse error on line "); ok {
		if _, after, ok := strings.Cut(rest, ": "); ok {
			msg = after
		}
	}
	return msg
}

const unknownInstruction = "unknown instruction: "

// instructionNames are the instructions BuildKit knows, sorted: the
// candidates for an unknown one.
var instructionNames = sync.OnceValue(func() []string {
	return slices.Sorted(func(yield func(string) bool) {
		for name := range command.Commands {
			if !yield(strings.ToUpper(name)) {
				return
			}
		}
	})
})

// stableSuggestion recomputes the "did you mean" of an unknown instruction.
// BuildKit takes the first close name in a map's iteration order, so `ARD`
// is ADD in one run and ARG in the next; a published message must not change
// while the file does not.
func stableSuggestion(msg string) string {
	rest, ok := strings.CutPrefix(msg, unknownInstruction)
	if !ok {
		return msg
	}
	word, _, _ := strings.Cut(rest, " (did you mean ")
	msg = unknownInstruction + word
	if s := spelling.Suggest(word, instructionNames()); s != "" {
		if word == strings.ToLower(word) {
			s = strings.ToLower(s) // BuildKit answers in the case it was given
		}
		msg += " (did you mean " + s + "?)"
	}
	return msg
}

// locate finds the flag a location-less hard error is about: BuildKit reports
// `COPY --from=9` (no such stage) and `COPY --from=$X` without a line.
func (mp *mapper) locate(msg string) (syntax.Range, bool) {
	var match func(string) bool
	switch {
	case strings.HasPrefix(msg, "invalid stage index "):
		index := strings.TrimSpace(strings.TrimPrefix(msg, "invalid stage index "))
		match = func(v string) bool { return v == index }
	case strings.HasPrefix(msg, "variable expansion is not supported for --from"):
		match = func(v string) bool { return strings.Contains(v, "$") }
	default:
		return syntax.Range{}, false
	}
	for _, n := range mp.f.Instructions() {
		if on, ok := n.OnBuild(); ok {
			n = on
		}
		if fl, ok := n.Flag("from"); ok && match(fl.Value) {
			return fl.ValueRange, true
		}
	}
	return syntax.Range{}, false
}
