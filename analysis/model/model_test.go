package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// describe renders a model compactly: stages, then references with targets.
func describe(m *Model) string {
	var b strings.Builder
	for _, s := range m.Stages {
		fmt.Fprintf(&b, "stage %d %q base=%q", s.Index, s.Name, s.BaseValue)
		if s.Parent != nil {
			fmt.Fprintf(&b, " parent=%d", s.Parent.Index)
		}
		b.WriteString("\n")
	}
	for _, r := range m.Refs {
		target := "-"
		if r.Target != nil {
			target = r.Target.Label()
		}
		fmt.Fprintf(&b, "ref %d %q -> %s\n", r.Kind, r.Value, target)
	}
	for _, p := range m.Problems {
		fmt.Fprintf(&b, "problem %d %q\n", p.Kind, m.File.Text[p.Range.Start:p.Range.End])
	}
	return b.String()
}

func TestBuild(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"named and unnamed", "FROM golang:1.22 AS Build\nFROM alpine\nCOPY --from=build /a /b\nCOPY --from=0 /a /b\n",
			"stage 0 \"build\" base=\"golang:1.22\"\nstage 1 \"\" base=\"alpine\"\nref 2 \"build\" -> build\nref 2 \"0\" -> build\n"},
		{"FROM an earlier stage", "FROM alpine AS base\nFROM base AS child\n",
			"stage 0 \"base\" base=\"alpine\"\nstage 1 \"child\" base=\"base\" parent=0\nref 1 \"base\" -> base\n"},
		{"FROM a later stage's name is an image", "FROM later\nFROM alpine AS later\n",
			"stage 0 \"\" base=\"later\"\nstage 1 \"later\" base=\"alpine\"\n"},
		{"COPY --from a later stage resolves", "FROM alpine\nCOPY --from=later /a /b\nFROM alpine AS later\n",
			"stage 0 \"\" base=\"alpine\"\nstage 1 \"later\" base=\"alpine\"\nref 2 \"later\" -> later\n"},
		{"global ARG in the base", "ARG BASE=build\nFROM alpine AS build\nFROM ${BASE}\n",
			"stage 0 \"build\" base=\"alpine\"\nstage 1 \"\" base=\"build\" parent=0\nref 1 \"${BASE}\" -> build\n"},
		{"ARG default forms", "ARG V\nFROM golang:${V:-1.22}\n", "stage 0 \"\" base=\"golang:1.22\"\n"},
		{"index out of range", "FROM alpine\nCOPY --from=3 /a /b\n",
			"stage 0 \"\" base=\"alpine\"\nref 2 \"3\" -> -\nproblem 1 \"3\"\n"},
		{"variable in COPY --from", "FROM alpine\nCOPY --from=$X /a /b\n",
			"stage 0 \"\" base=\"alpine\"\nref 2 \"$X\" -> -\nproblem 2 \"$X\"\n"},
		{"mount from names only, variables allowed", "FROM alpine AS a\nFROM alpine\nRUN --mount=type=cache,from=a,target=/c --mount=from=0,target=/d --mount=from=$X true\n",
			"stage 0 \"a\" base=\"alpine\"\nstage 1 \"\" base=\"alpine\"\nref 3 \"a\" -> a\nref 3 \"0\" -> -\nref 3 \"$X\" -> -\n"},
		{"onbuild copy", "FROM alpine AS a\nFROM alpine\nONBUILD COPY --from=a /x /y\n",
			"stage 0 \"a\" base=\"alpine\"\nstage 1 \"\" base=\"alpine\"\nref 2 \"a\" -> a\n"},
		{"duplicate and reserved", "FROM alpine AS x\nFROM alpine AS X\nFROM alpine AS context\n",
			"stage 0 \"x\" base=\"alpine\"\nstage 1 \"x\" base=\"alpine\"\nstage 2 \"context\" base=\"alpine\"\nproblem 3 \"X\"\nproblem 4 \"context\"\n"},
		{"half-typed", "FROM\nCOPY --from=\n", "stage 0 \"\" base=\"\"\nref 2 \"\" -> -\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(Build(syntax.Parse(tt.text))); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestReachableAndCycles(t *testing.T) {
	m := Build(syntax.Parse("FROM alpine AS a\nFROM a AS b\nFROM alpine AS c\nCOPY --from=d /x /x\nFROM alpine AS d\nCOPY --from=c /y /y\nFROM alpine AS e\nCOPY --from=b /z /z\n"))
	reach := m.Reachable(m.Final(""))
	var names []string
	for _, s := range m.Stages {
		if reach[s] {
			names = append(names, s.Name)
		}
	}
	if got := strings.Join(names, ","); got != "a,b,e" {
		t.Errorf("reachable from e = %s, want a,b,e", got)
	}
	if got := m.Final("C"); got == nil || got.Name != "c" {
		t.Errorf("Final(C) = %v", got)
	}
	cycles := m.Cycles()
	if len(cycles) != 1 || len(cycles[0]) != 2 || cycles[0][0].Name != "c" {
		t.Errorf("cycles = %v", cycles)
	}
}

func TestVisibleAt(t *testing.T) {
	text := "ARG VERSION=1\nARG OTHER=2\nFROM alpine AS base\nENV A=1\nARG VERSION\nFROM base\nENV B=2\nRUN echo here\nENV C=3\n"
	m := Build(syntax.Parse(text))
	vars := m.VisibleAt(m.Stages[1], strings.Index(text, "RUN"))
	var names []string
	for _, n := range []string{"A", "B", "C", "VERSION", "OTHER"} {
		if v := vars[n]; v != nil {
			names = append(names, n+"="+v.Value)
		}
	}
	if got := strings.Join(names, " "); got != "A=1 B=2 VERSION=1" {
		t.Errorf("visible = %q", got)
	}
	if g := m.VisibleAt(nil, strings.Index(text, "FROM")); len(g) != 2 {
		t.Errorf("global scope = %v", g)
	}
}

func TestEnvForms(t *testing.T) {
	m := Build(syntax.Parse("FROM alpine\nENV A=1 B=\"two words\"\nENV LEGACY value with spaces\n"))
	var got []string
	for _, v := range m.Stages[0].Vars {
		got = append(got, v.Name+"="+v.Value+"@"+m.File.Text[v.NameRange.Start:v.NameRange.End])
	}
	if want := "A=1@A B=two words@B LEGACY=value with spaces@LEGACY"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

func TestMatchTemplate(t *testing.T) {
	for _, tc := range []struct {
		template, name string
		want           bool
	}{
		{"binaries-$targetos", "binaries-linux", true},
		{"binaries-${targetos}", "binaries-", true},
		{"binaries-${targetos}", "binary-linux", false},
		{"${a}-x-${b}", "foo-x-bar", true},
		{"${a}-x-${b}", "foo-y-bar", false},
		{"plain", "plain", true},
		{"plain", "plainer", false},
		{"pre$v", "pre", true},
	} {
		if got := matchTemplate(tc.template, tc.name); got != tc.want {
			t.Errorf("matchTemplate(%q, %q) = %v", tc.template, tc.name, got)
		}
	}
}

func TestCandidatesKeepStagesReachable(t *testing.T) {
	m := Build(syntax.Parse("ARG OS=linux\nFROM alpine AS bin-linux\nFROM alpine AS bin-darwin\nFROM bin-$OS AS bin\nFROM scratch\nCOPY --from=bin / /\n"))
	reach := m.Reachable(m.Final(""))
	for _, name := range []string{"bin-linux", "bin-darwin", "bin"} {
		if !reach[m.StageByName(name)] {
			t.Errorf("stage %s should be reachable through a build arg", name)
		}
	}
}
