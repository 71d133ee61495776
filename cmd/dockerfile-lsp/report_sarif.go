package main

import (
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildkit"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/rules"
)

// SARIF 2.1.0 (OASIS), the format GitHub code scanning and most CI security
// dashboards import. Only the properties the project fills are modelled.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool struct {
		Driver sarifDriver `json:"driver"`
	} `json:"tool"`
	// Columns count characters, as check counts them everywhere; SARIF's
	// default would be UTF-16 code units.
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	ShortDescription     sarifMessage  `json:"shortDescription"`
	FullDescription      *sarifMessage `json:"fullDescription,omitempty"`
	HelpURI              string        `json:"helpUri,omitempty"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
	Properties struct {
		Source string `json:"source"`
	} `json:"properties"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region sarifRegion `json:"region"`
	} `json:"physicalLocation"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

const (
	projectURL = "https://github.com/dockerfile-lsp/dockerfile-lsp"
	// buildChecksURL lists every BuildKit check.
	buildChecksURL = "https://docs.docker.com/reference/build-checks/"
)

func writeSARIF(w io.Writer, _ []string, findings []finding) error {
	run := sarifRun{ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	run.Tool.Driver = sarifDriver{Name: "dockerfile-lsp", Version: version, InformationURI: projectURL}
	index := map[string]int{}
	addRule := func(r sarifRule) {
		index[r.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, r)
	}
	documented := func(name, doc string, sev analysis.Severity, source string) {
		r := sarifRule{ID: name, ShortDescription: sarifMessage{firstSentence(doc)}, HelpURI: analysis.DocURL(name)}
		if r.ShortDescription.Text != doc {
			r.FullDescription = &sarifMessage{doc}
		}
		r.DefaultConfiguration.Level = sarifLevel(sev)
		r.Properties.Source = source
		addRule(r)
	}
	for _, a := range rules.All {
		documented(a.Name, a.Doc(), a.Severity, "dockerfile-lsp")
	}
	// The other rules RULES.md documents: Compose, Bake and .dockerignore
	// checks, and the notes about BuildKit's own run.
	for _, d := range analysis.RuleDocs() {
		if _, added := index[d.Name]; !added {
			source := "dockerfile-lsp"
			if _, ok := buildkit.RuleByName(d.Name); ok {
				source = buildkit.Source
			}
			documented(d.Name, d.Doc, d.Severity, source)
		}
	}
	for _, b := range buildkit.Rules {
		if _, added := index[b.Name]; added {
			continue // a note documented above, or a check the project owns (DuplicateStageName)
		}
		r := sarifRule{ID: b.Name, ShortDescription: sarifMessage{b.Description}, HelpURI: b.URL}
		if r.HelpURI == "" {
			r.HelpURI = buildChecksURL // a check BuildKit gives no page of its own
		}
		r.DefaultConfiguration.Level = "warning"
		r.Properties.Source = buildkit.Source
		addRule(r)
	}
	for _, f := range findings {
		i, ok := index[f.Rule]
		if !ok { // a rule outside both registries: describe it from the finding
			r := sarifRule{ID: f.Rule, ShortDescription: sarifMessage{f.Rule}, HelpURI: f.URL}
			r.DefaultConfiguration.Level = sarifLevel(f.Severity)
			r.Properties.Source = f.Source
			addRule(r)
			i = index[f.Rule]
		}
		res := sarifResult{RuleID: f.Rule, RuleIndex: i, Level: sarifLevel(f.Severity), Message: sarifMessage{f.Message}}
		var loc sarifLocation
		loc.PhysicalLocation.ArtifactLocation.URI = sarifURI(f.File)
		loc.PhysicalLocation.Region = sarifRegion{StartLine: f.Line, StartColumn: f.Column, EndLine: f.EndLine, EndColumn: f.EndCol}
		res.Locations = []sarifLocation{loc}
		run.Results = append(run.Results, res)
	}
	return encodeJSON(w, sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}

// sarifLevel maps a severity to SARIF's three levels.
func sarifLevel(s analysis.Severity) string {
	switch s {
	case analysis.Error:
		return "error"
	case analysis.Warning:
		return "warning"
	}
	return "note"
}

// sarifURI is a relative reference for a relative path (code scanning
// resolves it against the repository) and a file URI for an absolute one.
func sarifURI(path string) string {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x on Windows
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	// String, unlike EscapedPath, keeps a colon in the first segment from
	// reading as a scheme.
	return (&url.URL{Path: strings.TrimPrefix(p, "./")}).String()
}

func firstSentence(doc string) string {
	if i := strings.Index(doc, ". "); i >= 0 {
		return doc[:i+1]
	}
	return doc
}
