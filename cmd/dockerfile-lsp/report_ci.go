package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
)

// writeGitHub prints GitHub Actions workflow commands: the runner turns each
// into an annotation on the pull request's diff.
func writeGitHub(w io.Writer, _ []string, findings []finding) error {
	for _, f := range findings {
		level := "notice"
		switch f.Severity {
		case analysis.Error:
			level = "error"
		case analysis.Warning:
			level = "warning"
		}
		_, err := fmt.Fprintf(w, "::%s file=%s,line=%d,endLine=%d,col=%d,endColumn=%d,title=%s::%s\n",
			level, githubProperty(filepath.ToSlash(f.File)), f.Line, f.EndLine, f.Column, f.EndCol,
			githubProperty(f.Rule+" ("+f.Source+")"), githubData(f.Message+" "+f.URL))
		if err != nil {
			return err
		}
	}
	return nil
}

// githubData escapes a workflow command's message the way the runner
// unescapes it.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(strings.TrimSpace(s))
}

// githubProperty also escapes the separators of the property list.
func githubProperty(s string) string {
	return strings.NewReplacer(":", "%3A", ",", "%2C").Replace(githubData(s))
}

// Checkstyle's XML report, which Jenkins, reviewdog and many CI dashboards
// read. Every checked file is listed, so a clean file shows as checked.
type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

func writeCheckstyle(w io.Writer, files []string, findings []finding) error {
	report := checkstyleReport{Version: "4.3"}
	at := map[string]int{}
	for _, name := range files {
		at[name] = len(report.Files)
		report.Files = append(report.Files, checkstyleFile{Name: name})
	}
	for _, f := range findings {
		sev := "info"
		switch f.Severity {
		case analysis.Error:
			sev = "error"
		case analysis.Warning:
			sev = "warning"
		}
		i := at[f.File]
		report.Files[i].Errors = append(report.Files[i].Errors, checkstyleError{
			Line: f.Line, Column: f.Column, Severity: sev, Message: f.Message, Source: f.Rule,
		})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(report); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// gitlabIssue is one entry of GitLab's Code Quality report (a JSON array),
// shown in merge requests.
type gitlabIssue struct {
	Description string `json:"description"`
	CheckName   string `json:"check_name"`
	Fingerprint string `json:"fingerprint"`
	Severity    string `json:"severity"`
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
			End   int `json:"end"`
		} `json:"lines"`
	} `json:"location"`
}

func writeGitLab(w io.Writer, _ []string, findings []finding) error {
	out := []gitlabIssue{}
	seen := map[string]int{}
	for _, f := range findings {
		var is gitlabIssue
		is.Description = f.Message
		is.CheckName = f.Rule
		is.Severity = map[analysis.Severity]string{
			analysis.Error: "critical", analysis.Warning: "major", analysis.Information: "minor",
		}[f.Severity]
		if is.Severity == "" {
			is.Severity = "info"
		}
		is.Location.Path = filepath.ToSlash(f.File)
		is.Location.Lines.Begin, is.Location.Lines.End = f.Line, f.EndLine
		// GitLab tracks an issue across commits by its fingerprint: built
		// from what was found and the text of its line, not the line number,
		// so that an edit above it does not make it look new. The count
		// tells identical findings apart.
		key := strings.Join([]string{is.Location.Path, f.Rule, f.Message, strings.TrimSpace(f.LineText)}, "\x00")
		seen[key]++
		sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", key, seen[key]))
		is.Fingerprint = hex.EncodeToString(sum[:])
		out = append(out, is)
	}
	return encodeJSON(w, out)
}
