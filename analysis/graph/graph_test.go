package graph_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/graph"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/graph")

func build(t *testing.T, text, target string) *graph.Graph {
	t.Helper()
	g, err := graph.Build(model.Build(syntax.Parse(text)), target)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// summary is a graph in one line per node and edge, to compare in tables.
func summary(g *graph.Graph) []string {
	var out []string
	for _, n := range g.Nodes {
		s := fmt.Sprintf("%s %s %q", n.ID, n.Kind, n.Label)
		if n.Base != "" {
			s += " base=" + n.Base
		}
		if n.Final {
			s += " final"
		}
		if n.Unused {
			s += " unused"
		}
		out = append(out, s)
	}
	for _, e := range g.Edges {
		s := fmt.Sprintf("%s->%s %q lines=%v", e.From, e.To, e.Label(), e.Lines)
		if e.Maybe {
			s += " maybe"
		}
		if e.Unused {
			s += " unused"
		}
		out = append(out, s)
	}
	return out
}

func TestBuild(t *testing.T) {
	for _, tc := range []struct {
		name, text, target string
		want               []string
	}{
		{name: "empty", text: "# nothing yet\n", want: nil},
		{
			name: "image base and a stage base",
			text: "FROM alpine:3.20 AS base\nFROM base\n",
			want: []string{
				`s0 stage "base" base=alpine:3.20`,
				`s1 stage "stage 1" base=base final`,
				`i0 image "alpine:3.20"`,
				`i0->s0 "FROM" lines=[1]`,
				`s0->s1 "FROM" lines=[2]`,
			},
		},
		{
			name: "copies from one stage merge into one edge with every path",
			text: "FROM golang AS build\nFROM scratch\nCOPY --from=build /a /b /dst/\nCOPY --from=BUILD /a /c /dst2/\n",
			want: []string{
				`s0 stage "build" base=golang`,
				`s1 stage "stage 1" base=scratch final`,
				`i0 image "golang"`,
				`i1 image "scratch"`,
				`i0->s0 "FROM" lines=[1]`,
				`i1->s1 "FROM" lines=[2]`,
				`s0->s1 "COPY /a /b /c" lines=[3 4]`,
			},
		},
		{
			name: "mount from a stage shows its target; from an image, the image",
			text: "FROM alpine AS tools\nFROM alpine\nRUN --mount=from=tools,target=/t --mount=type=bind,from=busybox:1,dst=/bb true\n",
			want: []string{
				`s0 stage "tools" base=alpine`,
				`s1 stage "stage 1" base=alpine final`,
				`i0 image "alpine"`,
				`i1 image "busybox:1"`,
				`i0->s0 "FROM" lines=[1]`,
				`i0->s1 "FROM" lines=[2]`,
				`s0->s1 "mount /t" lines=[3]`,
				`i1->s1 "mount /bb" lines=[3]`,
			},
		},
		{
			name:   "target makes later stages and their images unused",
			text:   "FROM golang AS build\nFROM build AS test\nFROM alpine\nCOPY --from=build /app /app\n",
			target: "BUILD",
			want: []string{
				`s0 stage "build" base=golang final`,
				`s1 stage "test" base=build unused`,
				`s2 stage "stage 2" base=alpine unused`,
				`i0 image "golang"`,
				`i1 image "alpine" unused`,
				`i0->s0 "FROM" lines=[1]`,
				`i1->s2 "FROM" lines=[3] unused`,
				`s0->s1 "FROM" lines=[2] unused`,
				`s0->s2 "COPY /app" lines=[4] unused`,
			},
		},
		{
			name: "a variable reference goes to every stage it could name",
			text: "ARG OS=linux\nFROM alpine AS bin-linux\nFROM alpine AS bin-darwin\nFROM bin-$OS\n",
			want: []string{
				`s0 stage "bin-linux" base=alpine`,
				`s1 stage "bin-darwin" base=alpine`,
				`s2 stage "stage 2" base=bin-linux final`,
				`i0 image "alpine"`,
				`i0->s0 "FROM" lines=[2]`,
				`i0->s1 "FROM" lines=[3]`,
				`s0->s2 "FROM" lines=[4]`,
				`s1->s2 "FROM" lines=[4] maybe`,
			},
		},
		{
			name: "broken references draw nothing",
			text: "FROM\nFROM alpine\nCOPY --from= /a /b\nCOPY --from=5 /a /b\nCOPY --from=$X /a /b\n",
			want: []string{
				`s0 stage "stage 0" unused`,
				`s1 stage "stage 1" base=alpine final`,
				`i0 image "alpine"`,
				`i0->s1 "FROM" lines=[2]`,
			},
		},
		{
			// The model counts ONBUILD references as needs: they run
			// where the stage is used.
			name: "onbuild copies are marked",
			text: "FROM alpine AS a\nFROM alpine AS b\nONBUILD COPY --from=a /x /y\n",
			want: []string{
				`s0 stage "a" base=alpine`,
				`s1 stage "b" base=alpine final`,
				`i0 image "alpine"`,
				`i0->s0 "FROM" lines=[1]`,
				`i0->s1 "FROM" lines=[2]`,
				`s0->s1 "ONBUILD COPY /x" lines=[3]`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := summary(build(t, tc.text, tc.target))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestBuildUnknownTarget(t *testing.T) {
	if _, err := graph.Build(model.Build(syntax.Parse("FROM alpine AS a\n")), "nope"); err == nil {
		t.Error("no error for a target that names no stage")
	}
}

// TestGolden renders the fixtures of testdata/graph in every format; run
// with -update to rewrite the golden files after a deliberate change.
func TestGolden(t *testing.T) {
	const dir = "../../testdata/graph"
	formats := map[string]func(*graph.Graph, *bytes.Buffer) error{
		"mermaid": func(g *graph.Graph, b *bytes.Buffer) error { return g.Mermaid(b) },
		"dot":     func(g *graph.Graph, b *bytes.Buffer) error { return g.DOT(b) },
		"json": func(g *graph.Graph, b *bytes.Buffer) error {
			out, err := json.MarshalIndent(g, "", "  ")
			b.Write(append(out, '\n'))
			return err
		},
	}
	for _, tc := range []struct{ file, target string }{
		{"multistage.Dockerfile", ""},
		{"multistage.Dockerfile", "test"},
		{"variables.Dockerfile", ""},
		{"labels.Dockerfile", ""},
	} {
		text, err := os.ReadFile(filepath.Join(dir, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		g := build(t, string(text), tc.target)
		for format, render := range formats {
			name := strings.TrimSuffix(tc.file, ".Dockerfile")
			if tc.target != "" {
				name += ".target-" + tc.target
			}
			name += "." + format
			t.Run(name, func(t *testing.T) {
				var got bytes.Buffer
				if err := render(g, &got); err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join(dir, name)
				if *update {
					if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./analysis/graph -update to create it)", err)
				}
				if got.String() != string(want) {
					t.Errorf("%s differs from the golden file; got:\n%s", name, got.String())
				}
			})
		}
	}
}
