package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// check reads the workspace the way the server does: a stage that a Compose
// file, a Makefile or a script builds with --target is not unused.
func TestCheckWorkspace(t *testing.T) {
	const dockerfile = "../../testdata/targets/Dockerfile"
	for _, tc := range []struct {
		workspace  string
		unused     []string // stages reported unused
		notUnused  []string
		mentionsBy string
	}{
		{workspace: "../../testdata/targets", unused: []string{`"docs"`}, notUnused: []string{`"lint"`, `"dev"`, `"test"`}, mentionsBy: "no Compose or Bake file"},
		{workspace: "", unused: []string{`"docs"`, `"lint"`, `"dev"`, `"test"`}},
	} {
		var stdout, stderr bytes.Buffer
		status := run([]string{"check", "--workspace", tc.workspace, "--fail-level", "error", dockerfile}, &stdout, &stderr)
		if status != 0 {
			t.Fatalf("workspace %q: status %d, stderr %q", tc.workspace, status, stderr.String())
		}
		unused := map[string]bool{}
		for _, line := range strings.Split(stdout.String(), "\n") {
			if strings.HasSuffix(line, "[UnusedStage]") {
				if _, rest, ok := strings.Cut(line, `stage "`); ok {
					name, _, _ := strings.Cut(rest, `"`)
					unused[`"`+name+`"`] = true
				}
			}
		}
		for _, name := range tc.unused {
			if !unused[name] {
				t.Errorf("workspace %q: stage %s not reported unused:\n%s", tc.workspace, name, stdout.String())
			}
		}
		for _, name := range tc.notUnused {
			if unused[name] {
				t.Errorf("workspace %q: stage %s reported unused although the workspace targets it:\n%s", tc.workspace, name, stdout.String())
			}
		}
		if !strings.Contains(stdout.String(), tc.mentionsBy) {
			t.Errorf("workspace %q: output lacks %q:\n%s", tc.workspace, tc.mentionsBy, stdout.String())
		}
	}
}

// --build-arg gives BuildKit the values the build sets: a FROM that needs one
// is no longer reported once it is given.
func TestCheckBuildArg(t *testing.T) {
	const dockerfile = "../../testdata/rules/unpinned_base_image_negative.Dockerfile"
	for _, tc := range []struct {
		args   []string
		status int
		want   []string
		absent []string
	}{
		{args: nil, want: []string{"--build-arg BASE", "--build-arg REGISTRY"}},
		{args: []string{"--build-arg", "BASE=alpine:3.20"}, want: []string{"--build-arg REGISTRY"}, absent: []string{"--build-arg BASE"}},
		{args: []string{"--build-arg", "BASE"}, status: 2},
	} {
		var stdout, stderr bytes.Buffer
		args := append(append([]string{"check", "--workspace", "", "--fail-level", "error"}, tc.args...), dockerfile)
		if status := run(args, &stdout, &stderr); status != tc.status {
			t.Fatalf("%v: status %d, stderr %q", tc.args, status, stderr.String())
		}
		for _, w := range tc.want {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("%v: output lacks %q:\n%s", tc.args, w, stdout.String())
			}
		}
		for _, a := range tc.absent {
			if strings.Contains(stdout.String(), a) {
				t.Errorf("%v: output still has %q:\n%s", tc.args, a, stdout.String())
			}
		}
	}
}

// --context gives the rules the build context; by default it is the
// Dockerfile's folder, and the .dockerignore beside the Dockerfile applies
// whatever the context.
func TestCheckContext(t *testing.T) {
	const app = "../../testdata/context/tree/app.Dockerfile"
	for _, tc := range []struct {
		name   string
		args   []string
		status int
		want   []string
		absent []string
	}{
		{name: "default: the Dockerfile's folder", args: []string{app}, status: 1,
			want:   []string{`app.Dockerfile:7:6: error: COPY source "static/index.html" is excluded by tree/app.Dockerfile.dockerignore`},
			absent: []string{`"docs/guide.md"`, `"app/"`}},
		{name: "another folder", args: []string{"--context", "../../testdata/context/leaky", app}, status: 1,
			want: []string{`COPY source "docs/guide.md" is not in the build context leaky`, `COPY source "app/" is not in the build context leaky`, `"static/index.html" is excluded by tree/app.Dockerfile.dockerignore`}},
		{name: "leaky context", args: []string{"../../testdata/context/leaky/single.Dockerfile"}, status: 1,
			want: []string{"single.Dockerfile:4:6: warning: COPY . sends 5 files", "[ContextNotIgnored]"}},
		{name: "tidy context", args: []string{"../../testdata/context/tidy/tidy.Dockerfile"}, status: 0},
		{name: "missing folder", args: []string{"--context", "../../testdata/context/nowhere", app}, status: 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"check", "--workspace", ""}, tc.args...)
			if status := run(args, &stdout, &stderr); status != tc.status {
				t.Fatalf("status %d, want %d; stdout %q, stderr %q", status, tc.status, stdout.String(), stderr.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, stdout.String())
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(stdout.String(), a) {
					t.Errorf("output has %q:\n%s", a, stdout.String())
				}
			}
		})
	}
}

// A misspelt rule in --severity/--disable, or a --target naming no stage,
// is a usage error (exit 2) that says what is wrong; a right one is not.
func TestCheckConfigTypos(t *testing.T) {
	const dockerfile = "../../testdata/rules/clean_multistage.Dockerfile"
	for _, tc := range []struct {
		args   []string
		status int
		stderr string
	}{
		{args: []string{"--disable", "UnusedStages"}, status: 2, stderr: `unknown rule "UnusedStages" (did you mean "UnusedStage"?)`},
		{args: []string{"--severity", "FinalStageRunAsRoot=off"}, status: 2, stderr: `unknown rule "FinalStageRunAsRoot"`},
		{args: []string{"--target", "tset"}, status: 2, stderr: `--target: target "tset" names no stage (did you mean "test"?)`},
		{args: []string{"--disable", "UnusedStage", "--severity", "JSONArgsRecommended=off", "--target", "test"}, status: -1},
	} {
		var stdout, stderr bytes.Buffer
		args := append(append([]string{"check", "--workspace", "", "--fail-level", "error"}, tc.args...), dockerfile)
		status := run(args, &stdout, &stderr)
		if tc.status >= 0 && status != tc.status || tc.status < 0 && status == 2 {
			t.Errorf("%v: status %d, want %d (-1: not a usage error); stderr %q", tc.args, status, tc.status, stderr.String())
		}
		if tc.stderr == "" && stderr.Len() > 0 || !strings.Contains(stderr.String(), tc.stderr) {
			t.Errorf("%v: stderr %q lacks %q", tc.args, stderr.String(), tc.stderr)
		}
	}
}

// check dispatches on the file's kind: a Compose or Bake file is checked as
// one (its targets against the Dockerfiles it names), never parsed as a
// Dockerfile, and a .dockerignore is refused with a reason.
func TestCheckFileKinds(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("Dockerfile", "FROM alpine:3.20 AS build\nRUN true\n\nFROM alpine:3.20\nCOPY --from=build /x /x\n")
	for _, tc := range []struct {
		name, text string
		status     int
		want       string // in stdout or stderr
	}{
		{"compose.yaml", "services:\n  app:\n    build:\n      context: .\n      target: biuld\n      dockerfile_inline: |\n        FROM alpine\n", 1, "UnknownTarget"},
		{"docker-bake.hcl", "target \"app\" {\n  target = \"biuld\"\n}\n", 1, "did you mean \"build\""},
		{".dockerignore", "node_modules\n", 2, "not a Dockerfile"},
	} {
		p := write(tc.name, tc.text)
		var stdout, stderr bytes.Buffer
		status := run([]string{"check", "--workspace", dir, "--fail-level", "error", p}, &stdout, &stderr)
		out := stdout.String() + stderr.String()
		if status != tc.status || !strings.Contains(out, tc.want) {
			t.Errorf("%s: status %d, output:\n%s\nwant status %d and %q", tc.name, status, out, tc.status, tc.want)
		}
		for _, wrong := range []string{"unknown instruction", "services:"} {
			if strings.Contains(out, wrong) {
				t.Errorf("%s: parsed as a Dockerfile:\n%s", tc.name, out)
			}
		}
	}
}
