package buildkit

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// TestCorpusAudit runs BuildKit's checks over every real-world Dockerfile and
// logs, per rule, what BuildKit reports with a bare image config (PATH only,
// nothing mapped: "raw") and what the package publishes ("published", by
// severity). It fails on any known false-positive pattern, on a run that gave
// no answer, and on a diagnostic that is not well-formed.
func TestCorpusAudit(t *testing.T) {
	files := corpus.Files(t, "real")
	raw := rawCounts(t, files)

	published := map[string]map[analysis.Severity]int{}
	samples := map[string][]string{} // the first hits of each rule, to read
	var slow []string
	for _, path := range files {
		name, _ := filepath.Rel(corpus.Dir(), path)
		f := syntax.Parse(corpus.Read(t, path))
		start := time.Now()
		ds, err := Lint(context.Background(), f, Options{})
		if err != nil {
			t.Errorf("%s: no answer from BuildKit: %v", name, err)
			continue
		}
		if d := time.Since(start); d > 200*time.Millisecond {
			slow = append(slow, fmt.Sprintf("%s %v", name, d))
		}
		m := model.Build(f)
		mp := newMapper(f, m, nil)
		for _, d := range ds {
			if published[d.Rule] == nil {
				published[d.Rule] = map[analysis.Severity]int{}
			}
			published[d.Rule][d.Severity]++
			line, col := f.Lines().Position(d.Range.Start)
			if len(samples[d.Rule]) < 3 {
				samples[d.Rule] = append(samples[d.Rule], fmt.Sprintf("%s:%d:%d %s %q: %s", name, line+1, col+1, d.Severity, f.Text[d.Range.Start:d.Range.End], d.Message))
			}
			if problem := auditDiagnostic(f, mp, d); problem != "" {
				t.Errorf("%s:%d:%d: %s %s %q: %s", name, line+1, col+1, d.Rule, d.Severity, f.Text[d.Range.Start:d.Range.End], problem)
			}
		}
	}
	if len(slow) > 0 {
		t.Logf("slow files: %v", slow)
	}

	rules := map[string]bool{}
	for r := range raw {
		rules[r] = true
	}
	for r := range published {
		rules[r] = true
	}
	names := make([]string, 0, len(rules))
	for r := range rules {
		names = append(names, r)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "BuildKit on %d real files: raw (PATH-only config, unmapped) → published\n", len(files))
	fmt.Fprintf(&b, "%-32s %6s %8s %6s %6s\n", "rule", "raw", "error", "warn", "hint")
	for _, r := range names {
		p := published[r]
		fmt.Fprintf(&b, "%-32s %6d %8d %6d %6d\n", r, raw[r], p[analysis.Error], p[analysis.Warning], p[analysis.Hint])
	}
	b.WriteString("\nsamples:\n")
	for _, r := range names {
		for _, s := range samples[r] {
			fmt.Fprintf(&b, "  %s %s\n", r, s)
		}
	}
	t.Log("\n" + b.String())
}

// rawCounts is what BuildKit itself says about the corpus with the minimal
// setup of DESIGN.md §2 (a PATH-only image config, a linux/amd64 target for
// every file, one run), before any mapping: the baseline the suppressions are
// measured against. Hard errors count as BuildKitError.
func rawCounts(t *testing.T, files []string) map[string]int {
	useBaseEnv = false
	defer func() { useBaseEnv = true }()
	counts := map[string]int{}
	for _, path := range files {
		text := neutralizeRemoteSources(syntax.Parse(corpus.Read(t, path))) // never the network, even here
		o, err := run(context.Background(), input{text: text, platform: ocispecs.Platform{OS: "linux", Architecture: "amd64"}}, 0)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		for _, w := range o.Warnings {
			counts[w.Rule]++
		}
		if o.Error != nil {
			counts[RuleBuildKitError]++
		}
	}
	return counts
}

var (
	hexKeyID       = regexp.MustCompile(`^(0x)?([0-9A-Fa-f]{16}|[0-9A-Fa-f]{40})$`)
	undefinedName  = regexp.MustCompile(`^Usage of undefined variable '\$([A-Za-z_][A-Za-z0-9_]*)'`)
	windowsWorkdir = regexp.MustCompile(`^Relative workdir "([A-Za-z]:[\\/]|\\\\)`)
)

// auditDiagnostic returns what is wrong with d, or "".
func auditDiagnostic(f *syntax.File, mp *mapper, d analysis.Diagnostic) string {
	m := mp.m
	if d.Source != Source || d.URL == "" && d.Rule != "InvalidBaseImagePlatform" || d.Message == "" {
		return "incomplete diagnostic"
	}
	if d.Range.Start < 0 || d.Range.End > len(f.Text) || d.Range.Start > d.Range.End {
		return "range outside the text"
	}
	covered := f.Text[d.Range.Start:d.Range.End]
	if covered == "" && d.Rule != RuleBuildKitError && d.Rule != "NoEmptyContinuation" {
		return "empty range"
	}
	if strings.Contains(covered, "\n") && d.Rule != "NoEmptyContinuation" && d.Rule != "JSONArgsRecommended" {
		return "range spans lines: not narrowed"
	}
	switch d.Rule {
	case "DuplicateStageName", "ReservedStageName":
		return "reported by the project's rule of the same name"
	case "SecretsUsedInArgOrEnv":
		// GPG key ids are public (ENV GPG_KEY in the official Python images).
		if strings.Contains(strings.ToUpper(covered), "GPG") {
			return "a GPG key id is not a secret"
		}
		for _, v := range varsAt(m, d.Range.Start) {
			if v.Name == covered && hexKeyID.MatchString(unquote(v.Value)) {
				return "a key fingerprint is not a secret"
			}
		}
	case "UndefinedVar":
		name := undefinedName.FindStringSubmatch(d.Message)
		if name == nil {
			return "unexpected message"
		}
		// The stage's base image must be known, and must not set the variable.
		base, known := mp.rootBase(m.StageAt(d.Range.Start))
		if !known {
			return "the base image " + base + " is unknown: it may set it"
		}
		env, _ := images.Env(base)
		for _, kv := range env {
			if strings.HasPrefix(kv, name[1]+"=") {
				return "the base image " + base + " sets it"
			}
		}
		if name[1] == "APP_UID" || name[1] == "GOPATH" {
			return "set by the .NET/Go base images (measured false positive)"
		}
	case "WorkdirRelativePath":
		if windowsWorkdir.MatchString(d.Message) {
			return "a Windows path is absolute"
		}
	case RuleBuildKitError:
		// The corpus files with a blank or half-expanded base name all build
		// with --build-arg: they must get a hint, not an error.
		if strings.Contains(d.Message, "should not be blank") || strings.Contains(d.Message, "failed to parse stage name") {
			return "a FROM that needs a --build-arg is not broken"
		}
	}
	return ""
}

func varsAt(m *model.Model, off int) []*model.Var {
	if st := m.StageAt(off); st != nil {
		return st.Vars
	}
	return m.GlobalArgs
}

// BenchmarkLintCorpus lints every real corpus file per iteration, bypassing
// the cache, and reports per-file latency percentiles.
func BenchmarkLintCorpus(b *testing.B) {
	var files []*syntax.File
	for _, path := range corpus.Files(b, "real") {
		files = append(files, syntax.Parse(corpus.Read(b, path)))
	}
	cacheEnabled = false
	defer func() { cacheEnabled = true }()
	var durs []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			start := time.Now()
			if _, err := Lint(context.Background(), f, Options{}); err != nil {
				b.Fatal(err)
			}
			durs = append(durs, time.Since(start))
		}
	}
	b.StopTimer()
	analysistest.ReportLatency(b, "", durs)
}

// BenchmarkLint50Lines is the budget case of the issue: a typical 50-line
// multi-stage file, uncached.
func BenchmarkLint50Lines(b *testing.B) {
	f := syntax.Parse(analysistest.ReadFile(b, "../../testdata/bench/fifty-lines.Dockerfile"))
	if n := f.Lines().Lines(); n < 50 {
		b.Fatalf("%d lines", n)
	}
	cacheEnabled = false
	defer func() { cacheEnabled = true }()
	durs := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := Lint(context.Background(), f, Options{}); err != nil {
			b.Fatal(err)
		}
		durs = append(durs, time.Since(start))
	}
	b.StopTimer()
	analysistest.ReportLatency(b, "", durs)
}
