package main

import (
	"bytes"
	"strings"
	"testing"
)

// The graph command wires flags and files to analysis/graph, whose own
// tests check the pictures.
func TestGraphCommand(t *testing.T) {
	const file = "../../testdata/graph/multistage.Dockerfile"
	for _, tc := range []struct {
		args   []string
		status int
		want   string // in stdout, or in stderr when status is not 0
	}{
		{args: []string{file}, want: "flowchart TD\n"},
		{args: []string{"--format", "dot", file}, want: "digraph stages {"},
		{args: []string{"--format", "json", "--target", "test", file}, want: `"label": "test",`},
		{args: []string{"--target", "build", file}, want: `s1["build (final)<br/>FROM deps"]`},
		{args: []string{"../../testdata/example"}, want: `i3[("biuld")]`}, // a folder: its Dockerfile
		{args: []string{"--target", "nope", file}, status: 2, want: `no stage is named "nope"`},
		{args: []string{"--format", "png", file}, status: 2, want: `unknown --format "png"`},
		{args: []string{file, file}, status: 2, want: "one file at a time"},
		{args: []string{"missing.Dockerfile"}, status: 2, want: "missing.Dockerfile"},
	} {
		var stdout, stderr bytes.Buffer
		status := run(append([]string{"graph"}, tc.args...), &stdout, &stderr)
		if status != tc.status {
			t.Errorf("%v: status %d, want %d; stderr %q", tc.args, status, tc.status, stderr.String())
			continue
		}
		out := stdout.String()
		if status != 0 {
			out = stderr.String()
		}
		if !strings.Contains(out, tc.want) {
			t.Errorf("%v: output lacks %q:\n%s", tc.args, tc.want, out)
		}
	}
}
