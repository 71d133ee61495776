// Package analysistest checks analyzers against Dockerfile fixtures whose
// expected diagnostics are written in the file, in the spirit of
// golang.org/x/tools/go/analysis/analysistest.
//
// A fixture line of the form
//
//	# want Rule "message regexp" OtherRule:hint "regexp"
//
// expects, on the next line that is neither blank nor a comment, one diagnostic
// per Rule "regexp" pair, with the given severity when one is written after a
// colon. Wants are full-line comments so that fixtures stay valid Dockerfiles
// that BuildKit parses exactly as a user's file.
package analysistest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Want is one expected diagnostic.
type Want struct {
	Line     int // 1-based
	Rule     string
	Severity string // empty: any
	Message  *regexp.Regexp
}

// Run checks every *.Dockerfile under dir: each diagnostic that analyze
// returns must be wanted on its line, and each want must be met.
func Run(t *testing.T, dir string, analyze func(*syntax.File) []analysis.Diagnostic) {
	t.Helper()
	RunFiles(t, dir, func(_ string, f *syntax.File) []analysis.Diagnostic { return analyze(f) })
}

// RunFiles is Run for analyses that need the fixture's path, e.g. to walk
// the build context folder the fixture sits in.
func RunFiles(t *testing.T, dir string, analyze func(path string, f *syntax.File) []analysis.Diagnostic) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.Dockerfile"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in %s (%v)", dir, err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			wants, err := ParseWants(text)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			f := syntax.Parse(text)
			Check(t, path, f, wants, analyze(path, f))
		})
	}
}

// Check matches diagnostics against wants and reports every difference.
func Check(t *testing.T, name string, f *syntax.File, wants []Want, got []analysis.Diagnostic) {
	t.Helper()
	lines := f.Lines()
	used := make([]bool, len(wants))
	for _, d := range got {
		line, _ := lines.Position(d.Range.Start)
		line++
		matched := false
		for i, w := range wants {
			if used[i] || w.Line != line || w.Rule != d.Rule || !w.Message.MatchString(d.Message) {
				continue
			}
			if w.Severity != "" && w.Severity != d.Severity.String() {
				continue
			}
			used[i], matched = true, true
			break
		}
		if !matched {
			t.Errorf("%s:%d: unexpected %s %s: %q", name, line, d.Severity, d.Rule, d.Message)
		}
	}
	for i, w := range wants {
		if !used[i] {
			sev := ""
			if w.Severity != "" {
				sev = ":" + w.Severity
			}
			t.Errorf("%s:%d: missing %s%s matching %q", name, w.Line, w.Rule, sev, w.Message)
		}
	}
}

var wantLine = regexp.MustCompile(`^\s*#\s*want\s+(.*)$`)

// ParseWants reads the want comments of a fixture.
func ParseWants(text string) ([]Want, error) {
	var wants, pending []Want
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, line := range lines {
		if m := wantLine.FindStringSubmatch(line); m != nil {
			ws, err := parseWantList(m[1])
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", i+1, err)
			}
			pending = append(pending, ws...)
			continue
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		for _, w := range pending {
			w.Line = i + 1
			wants = append(wants, w)
		}
		pending = nil
	}
	if len(pending) > 0 {
		return nil, fmt.Errorf("want comment at end of file has no line to apply to")
	}
	return wants, nil
}

func parseWantList(s string) ([]Want, error) {
	var out []Want
	s = strings.TrimSpace(s)
	for s != "" {
		sp := strings.IndexByte(s, ' ')
		if sp < 0 {
			return nil, fmt.Errorf("want %q has no message", s)
		}
		rule, sev, _ := strings.Cut(s[:sp], ":")
		rest := strings.TrimSpace(s[sp:])
		quoted, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return nil, fmt.Errorf("want %s: message must be a Go-quoted string: %v", rule, err)
		}
		msg, _ := strconv.Unquote(quoted)
		re, err := regexp.Compile(msg)
		if err != nil {
			return nil, err
		}
		out = append(out, Want{Rule: rule, Severity: sev, Message: re})
		s = strings.TrimSpace(rest[len(quoted):])
	}
	return out, nil
}

// ReadFile returns a fixture's text, failing tb if it cannot be read.
func ReadFile(tb testing.TB, path string) string {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}
