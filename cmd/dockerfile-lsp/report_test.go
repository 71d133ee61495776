package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// reportFixture has findings of every severity, one after non-ASCII text
// (columns count characters) and two identical ones (GitLab fingerprints
// must still differ).
const reportFixture = `FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM alpine:3.20
LABEL title="héllo 🐳" 
COPY --from=biuld /out/app /app
COPY --from=7 /out/app /app2
COPY --from=7 /out/app /app2
`

// placed is what every format must say about a finding, whatever its syntax.
type placed struct {
	File            string
	Line, Col       int
	EndLine, EndCol int // 0 when the format has no end
	Rule, Level     string
}

func (p placed) String() string {
	return fmt.Sprintf("%s:%d:%d-%d:%d %s %s", p.File, p.Line, p.Col, p.EndLine, p.EndCol, p.Rule, p.Level)
}

func runCheckFormat(t *testing.T, format string, files ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	args := append([]string{"check", "--workspace", "", "--fail-level", "error", "--format", format}, files...)
	if status := run(args, &stdout, &stderr); status != 1 {
		t.Fatalf("--format %s: status %d, want 1 (an error is found); stderr %q", format, status, stderr.String())
	}
	return stdout.String()
}

func reportFiles(t *testing.T) []string {
	dir := t.TempDir()
	path := filepath.Join(dir, "app, v2.dockerfile") // a comma to escape
	if err := os.WriteFile(path, []byte(reportFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{"../../testdata/example/Dockerfile", path}
}

// TestCheckFormats: every CI format reports the same findings, at the same
// 1-based places, as --format json does.
func TestCheckFormats(t *testing.T) {
	files := reportFiles(t)
	var base []jsonFinding
	if err := json.Unmarshal([]byte(runCheckFormat(t, "json", files...)), &base); err != nil {
		t.Fatal(err)
	}
	levels := map[string]map[string]string{ // JSON severity → the format's level
		"sarif":      {"error": "error", "warning": "warning", "information": "note", "hint": "note"},
		"github":     {"error": "error", "warning": "warning", "information": "notice", "hint": "notice"},
		"checkstyle": {"error": "error", "warning": "warning", "information": "info", "hint": "info"},
		"gitlab":     {"error": "critical", "warning": "major", "information": "minor", "hint": "info"},
	}
	seen := map[string]bool{}
	for _, f := range base {
		seen[f.Severity] = true
		if f.Line < 1 || f.Column < 1 {
			t.Errorf("not 1-based: %+v", f)
		}
	}
	for _, sev := range []string{"error", "warning", "hint"} {
		if !seen[sev] {
			t.Fatalf("fixture has no %s finding; findings %+v", sev, base)
		}
	}
	for _, tc := range []struct {
		format  string
		hasEnd  bool
		hasCol  bool
		extract func(t *testing.T, out string) []placed
	}{
		{"sarif", true, true, placedSARIF},
		{"github", true, true, placedGitHub},
		{"checkstyle", false, true, placedCheckstyle},
		{"gitlab", true, false, placedGitLab},
	} {
		t.Run(tc.format, func(t *testing.T) {
			var want []string
			for _, f := range base {
				p := placed{File: filepath.ToSlash(f.File), Line: f.Line, Rule: f.Rule, Level: levels[tc.format][f.Severity]}
				if tc.hasCol {
					p.Col = f.Column
				}
				if tc.hasEnd {
					p.EndLine = f.EndLine
					if tc.hasCol {
						p.EndCol = f.EndColumn
					}
				}
				want = append(want, p.String())
			}
			var got []string
			for _, p := range tc.extract(t, runCheckFormat(t, tc.format, files...)) {
				got = append(got, p.String())
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("findings differ from --format json\ngot:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// The emoji and the accent before the UnknownStage finding are one column
// each, not four or two bytes; the finding is on the line after them.
func TestCheckColumnsCountCharacters(t *testing.T) {
	files := reportFiles(t)
	var got []jsonFinding
	if err := json.Unmarshal([]byte(runCheckFormat(t, "json", files[1])), &got); err != nil {
		t.Fatal(err)
	}
	for _, f := range got {
		if f.Rule == "UnknownStage" {
			if f.Line != 6 || f.Column != 13 || f.EndColumn != 18 {
				t.Errorf("UnknownStage at %d:%d-%d, want 6:13-18", f.Line, f.Column, f.EndColumn)
			}
			return
		}
	}
	t.Fatalf("no UnknownStage finding in %+v", got)
}

// TestSARIFSchema validates the SARIF output, with findings and without,
// against the OASIS SARIF 2.1.0 schema, and checks what code scanning needs
// beyond it: every rule has a help URI, every result a region.
func TestSARIFSchema(t *testing.T) {
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const url = "https://json.schemastore.org/sarif-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	clean := filepath.Join(t.TempDir(), "Dockerfile")
	os.WriteFile(clean, []byte("FROM alpine:3.20\nUSER nobody\n"), 0o644)
	for _, tc := range []struct {
		name    string
		files   []string
		results bool
	}{
		{"findings", reportFiles(t), true},
		{"clean", []string{clean}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			run(append([]string{"check", "--workspace", "", "--format", "sarif"}, tc.files...), &stdout, &stderr)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(stdout.Bytes()))
			if err != nil {
				t.Fatalf("not JSON: %v\n%s", err, stdout.String())
			}
			if err := schema.Validate(inst); err != nil {
				t.Fatalf("invalid SARIF 2.1.0: %v", err)
			}
			var log sarifLog
			json.Unmarshal(stdout.Bytes(), &log)
			run := log.Runs[0]
			for _, r := range run.Tool.Driver.Rules {
				if !strings.HasPrefix(r.HelpURI, "https://") || r.ShortDescription.Text == "" {
					t.Errorf("rule %s: help URI %q, description %q", r.ID, r.HelpURI, r.ShortDescription.Text)
				}
			}
			if got := len(run.Results) > 0; got != tc.results {
				t.Fatalf("results: %d", len(run.Results))
			}
			for _, res := range run.Results {
				if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
					t.Errorf("result %s points at rule %d (%s)", res.RuleID, res.RuleIndex, run.Tool.Driver.Rules[res.RuleIndex].ID)
				}
			}
		})
	}
}

func placedSARIF(t *testing.T, out string) []placed {
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	var ps []placed
	for _, r := range log.Runs[0].Results {
		loc := r.Locations[0].PhysicalLocation
		reg := loc.Region
		ps = append(ps, placed{File: unescapeURI(t, loc.ArtifactLocation.URI), Line: reg.StartLine, Col: reg.StartColumn,
			EndLine: reg.EndLine, EndCol: reg.EndColumn, Rule: r.RuleID, Level: r.Level})
	}
	return ps
}

// unescapeURI turns a SARIF artifact URI back into the path check was given.
func unescapeURI(t *testing.T, uri string) string {
	t.Helper()
	p := strings.TrimPrefix(uri, "file://")
	p = strings.NewReplacer("%20", " ", "%2C", ",").Replace(p)
	if !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "../") {
		p = "./" + p
	}
	return p
}

var githubCommand = regexp.MustCompile(`^::(\w+) file=([^,]*),line=(\d+),endLine=(\d+),col=(\d+),endColumn=(\d+),title=([^:]*)::(.+)$`)

func placedGitHub(t *testing.T, out string) []placed {
	var ps []placed
	unescape := strings.NewReplacer("%2C", ",", "%3A", ":", "%25", "%").Replace
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		m := githubCommand.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("not a workflow command: %q", line)
		}
		n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
		rule, _, _ := strings.Cut(unescape(m[7]), " (")
		ps = append(ps, placed{File: unescape(m[2]), Line: n(3), EndLine: n(4), Col: n(5), EndCol: n(6), Rule: rule, Level: m[1]})
	}
	return ps
}

func placedCheckstyle(t *testing.T, out string) []placed {
	if !strings.HasPrefix(out, "<?xml") {
		t.Errorf("no XML declaration: %.40q", out)
	}
	var r checkstyleReport
	if err := xml.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	var ps []placed
	for _, f := range r.Files {
		for _, e := range f.Errors {
			ps = append(ps, placed{File: filepath.ToSlash(f.Name), Line: e.Line, Col: e.Column, Rule: e.Source, Level: e.Severity})
		}
	}
	return ps
}

func placedGitLab(t *testing.T, out string) []placed {
	var issues []gitlabIssue
	if err := json.Unmarshal([]byte(out), &issues); err != nil {
		t.Fatal(err)
	}
	fingerprints := map[string]bool{}
	var ps []placed
	for _, is := range issues {
		if is.Description == "" || len(is.Fingerprint) != 64 || fingerprints[is.Fingerprint] {
			t.Errorf("description %q, fingerprint %q (repeated: %v)", is.Description, is.Fingerprint, fingerprints[is.Fingerprint])
		}
		fingerprints[is.Fingerprint] = true
		ps = append(ps, placed{File: is.Location.Path, Line: is.Location.Lines.Begin, EndLine: is.Location.Lines.End, Rule: is.CheckName, Level: is.Severity})
	}
	return ps
}

// Workflow command properties escape what would end them early.
func TestGitHubEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"a,b:c":  "a%2Cb%3Ac",
		"50%\nx": "50%25%0Ax",
	} {
		if got := githubProperty(in); got != want {
			t.Errorf("githubProperty(%q) = %q, want %q", in, got, want)
		}
	}
}
