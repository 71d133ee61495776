package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
)

// finding is one diagnostic placed in its file, as the reports print it.
type finding struct {
	File            string
	Line, Column    int // 1-based; columns count characters
	EndLine, EndCol int // exclusive end, same units
	LineText        string
	analysis.Diagnostic
}

// report writes the findings of one `check` run; files are every file
// checked, in order, with or without findings.
type report func(w io.Writer, files []string, findings []finding) error

// reports are check's --format values: the text people read, and the
// formats CI systems read (the ones hadolint users already wire in).
var reports = map[string]report{
	"text":       writeText,
	"json":       writeJSON,
	"sarif":      writeSARIF,
	"github":     writeGitHub,
	"checkstyle": writeCheckstyle,
	"gitlab":     writeGitLab,
}

// reportNames lists the formats for messages, sorted.
func reportNames() string {
	names := make([]string, 0, len(reports))
	for n := range reports {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func writeText(w io.Writer, _ []string, findings []finding) error {
	for _, f := range findings {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", f.File, f.Line, f.Column, f.Severity, f.Message, f.Rule); err != nil {
			return err
		}
	}
	return nil
}

type jsonFinding struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Severity  string `json:"severity"`
	Rule      string `json:"rule"`
	Source    string `json:"source"`
	Message   string `json:"message"`
	URL       string `json:"url,omitempty"`
}

func writeJSON(w io.Writer, _ []string, findings []finding) error {
	out := []jsonFinding{}
	for _, f := range findings {
		out = append(out, jsonFinding{
			File: f.File, Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndCol,
			Severity: f.Severity.String(), Rule: f.Rule, Source: f.Source, Message: f.Message, URL: f.URL,
		})
	}
	return encodeJSON(w, out)
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
