package targets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// tree writes files (slash-separated paths relative to a temporary folder)
// and returns the folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// at is the range of the n-th (0-based) occurrence of needle in text.
func at(t *testing.T, text, needle string, n int) syntax.Range {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], needle)
		if j < 0 {
			t.Fatalf("%q: occurrence %d not in %q", needle, n, text)
		}
		if i == n {
			return syntax.Range{Start: off + j, End: off + j + len(needle)}
		}
		off += j + len(needle)
	}
}

// cursor removes the ‸ marker from text and returns its offset.
func cursor(t *testing.T, text string) (string, int) {
	t.Helper()
	i := strings.Index(text, "‸")
	if i < 0 {
		t.Fatal("no ‸ in the text")
	}
	return text[:i] + text[i+len("‸"):], i
}

func rules(ds []analysis.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Rule)
	}
	return out
}

const multiStage = `FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM build AS test
RUN go test ./...

FROM alpine:3.20
COPY --from=build /out/app /app
`

func TestKindOf(t *testing.T) {
	for p, want := range map[string]Kind{
		"compose.yaml": Compose, "compose.yml": Compose, "docker-compose.yaml": Compose,
		"/w/docker-compose.yml": Compose, "compose.override.yaml": Compose, "docker-compose.prod.yml": Compose,
		"Compose.YAML": Compose, "composer.yaml": None, "my-compose.yaml": None, "compose.json": None,
		"docker-bake.hcl": Bake, "docker-bake.json": Bake, "docker-bake.override.hcl": Bake,
		"ci.override.hcl": Bake, "main.hcl": None, "package.json": None,
		"/r/.github/workflows/ci.yml": Workflow, ".github/workflows/release.yaml": Workflow, "/r/workflows/ci.yml": None,
		"Makefile": Makefile, "sub/GNUmakefile": Makefile, "rules.mk": Makefile,
		"scripts/build.sh": Script, "justfile": Script, ".gitlab-ci.yml": Script, "Jenkinsfile": Script,
		"Dockerfile": None, "README.md": None,
	} {
		if got := KindOf(p); got != want {
			t.Errorf("KindOf(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestComposeParse(t *testing.T) {
	text := "# a comment\nservices:\n  app:\n    build:\n      context: ./app\n      dockerfile: \"Dockerfile.dev\"\n      target: 'build'   # the stage\n  web:\n    build: web\n  db:\n    image: postgres\n  emoji:\n    build: {context: \"é/😀\", target: test}\n"
	d := Parse("/w/compose.yaml", text)
	if len(d.Problems) != 0 {
		t.Fatalf("problems: %v", d.Problems)
	}
	if len(d.Builds) != 3 {
		t.Fatalf("want 3 builds, got %d", len(d.Builds))
	}
	app, web, emoji := d.Builds[0], d.Builds[1], d.Builds[2]
	if app.Name != "app" || app.NameRange != at(t, text, "app", 0) {
		t.Errorf("app name %q at %v", app.Name, app.NameRange)
	}
	if app.Context.Text != "./app" || app.Context.Range != at(t, text, "./app", 0) {
		t.Errorf("context %+v", app.Context)
	}
	if app.Dockerfile.Text != "Dockerfile.dev" || app.Dockerfile.Range != at(t, text, "Dockerfile.dev", 0) {
		t.Errorf("dockerfile %+v", app.Dockerfile)
	}
	if app.Target.Text != "build" || !app.Target.Literal || app.Target.Range != at(t, text, "build", 1) || app.Target.Line != 6 {
		t.Errorf("target %+v, want %v on line 6", app.Target, at(t, text, "build", 1))
	}
	if web.Context.Text != "web" || web.Context.Range != at(t, text, "web", 1) || web.Target.Set {
		t.Errorf("web %+v", web)
	}
	// Columns count characters in yaml.v3: non-ASCII before a value must not
	// shift its byte range.
	if emoji.Target.Text != "test" || emoji.Target.Range != at(t, text, "test", 0) {
		t.Errorf("emoji target %+v want %v", emoji.Target, at(t, text, "test", 0))
	}
}

func TestComposeBOMAndCRLF(t *testing.T) {
	text := "\ufeffservices:\r\n  app:\r\n    build:\r\n      target: dev\r\n"
	d := Parse("/w/compose.yml", text)
	if len(d.Builds) != 1 || d.Builds[0].Target.Range != at(t, text, "dev", 0) || d.Builds[0].NameRange != at(t, text, "app", 0) {
		t.Fatalf("builds %+v", d.Builds)
	}
}

func TestComposeMergeKeys(t *testing.T) {
	text := `x-build: &build
  context: .
  target: dev
services:
  one:
    build: *build
  two:
    build:
      <<: *build
      target: prod
`
	d := Parse("/w/compose.yaml", text)
	if len(d.Builds) != 2 {
		t.Fatalf("builds %+v", d.Builds)
	}
	if b := d.Builds[0]; b.Target.Text != "dev" || b.Target.Range != at(t, text, "dev", 0) {
		t.Errorf("one: %+v", b.Target)
	}
	if b := d.Builds[1]; b.Target.Text != "prod" || b.Context.Text != "." {
		t.Errorf("two: target %+v context %+v", b.Target, b.Context)
	}
}

func TestComposeInterpolation(t *testing.T) {
	d := Parse("/w/compose.yaml", "services:\n  a:\n    build:\n      context: ${APP_DIR}\n      target: ${TARGET:-dev}\n")
	b := d.Builds[0]
	if b.Target.Literal || b.Context.Literal {
		t.Fatalf("interpolated values read as literal: %+v", b)
	}
	var r Resolver
	r.Resolve(d)
	if b.ContextDir != "" || b.DockerfilePath != "" {
		t.Errorf("resolved an interpolated context: %q %q", b.ContextDir, b.DockerfilePath)
	}
	if ds := Diagnose(d, &r); len(ds) != 0 {
		t.Errorf("diagnostics for values Compose interpolates: %v", ds)
	}
}

func TestComposeMalformed(t *testing.T) {
	for name, text := range map[string]string{
		"unclosed flow":   "services:\n  app:\n    build: {context: .\n",
		"bad indentation": "services:\n  app:\n    build:\n      target: x\n     context: .\n",
		"tab":             "services:\n\tapp:\n",
		"not a mapping":   "- a\n- b\n",
		"services list":   "services:\n  - app\n",
		"build number":    "services:\n  app:\n    build: [1, 2]\n",
		"binary":          "\x00\x01\xff\xfe",
		"alias bomb":      "a: &a [x, x]\nb: &b [*a, *a]\nservices:\n  s:\n    build:\n      <<: *b\n",
		"cyclic merge":    "services:\n  s: &s\n    build: *s\n",
	} {
		t.Run(name, func(t *testing.T) {
			d := Parse("/w/compose.yaml", text)
			ds := Diagnose(d, &Resolver{})
			if name == "alias bomb" || name == "cyclic merge" {
				return // no crash is all that is asked
			}
			if len(ds) == 0 || ds[0].Rule != RuleInvalidFile || ds[0].Severity != analysis.Error {
				t.Fatalf("want an InvalidBuildFile error, got %v", ds)
			}
			if ds[0].Range.End > len(text) || ds[0].Range.Start > ds[0].Range.End {
				t.Errorf("range %v outside the text", ds[0].Range)
			}
			if !strings.Contains(ds[0].Message, "YAML") && !strings.Contains(ds[0].Message, "mapping") && !strings.Contains(ds[0].Message, "build of service") {
				t.Errorf("unclear message %q", ds[0].Message)
			}
		})
	}
}

func TestComposeSyntaxErrorLine(t *testing.T) {
	text := "services:\n  app:\n    build:\n      target: x\n     context: .\n"
	ds := Parse("/w/compose.yaml", text).Problems
	if len(ds) != 1 {
		t.Fatalf("problems %v", ds)
	}
	line, _ := syntax.NewLineIndex(text).Position(ds[0].Range.Start)
	if line != 4 {
		t.Errorf("error on line %d, want 4: %v", line, ds[0])
	}
}

func TestComposeDiagnostics(t *testing.T) {
	dir := tree(t, map[string]string{
		"app/Dockerfile":     multiStage,
		"app/Dockerfile.dev": "FROM alpine\n",
		"compose.yaml": `services:
  ok:
    build:
      context: app
      target: test
  typo:
    build:
      context: ./app
      target: tset
  unnamed:
    build:
      context: app
      dockerfile: Dockerfile.dev
      target: dev
  nodockerfile:
    build:
      context: app
      dockerfile: Dockerfile.prod
  nocontext:
    build: ./missing
  remote:
    build:
      context: https://github.com/docker/buildx.git
      target: anything
  inline:
    build:
      dockerfile_inline: |
        FROM alpine AS base
        FROM base AS final
      target: final
  inline_bad:
    build:
      dockerfile_inline: "FROM alpine AS base"
      target: nope
`,
	})
	p := filepath.Join(dir, "compose.yaml")
	data, _ := os.ReadFile(p)
	text := string(data)
	ds := Diagnose(Parse(p, text), &Resolver{})
	want := []struct {
		rule, at string
		n        int
		msg      string
	}{
		{RuleUnknownTarget, "tset", 0, `target "tset" is not a stage of app/Dockerfile; did you mean "test"?`},
		{RuleUnknownTarget, "dev", 1, `target "dev" is not a stage of app/Dockerfile.dev, which has no named stages`},
		{RuleMissingDockerfile, "Dockerfile.prod", 0, `service "nodockerfile" builds "app/Dockerfile.prod", which does not exist`},
		{RuleMissingContext, "./missing", 0, `the build context "missing" of service "nocontext" is not a folder that exists`},
		{RuleUnknownTarget, "nope", 0, `target "nope" is not a stage of the inline Dockerfile; its stages are base`},
	}
	if len(ds) != len(want) {
		t.Fatalf("want %d diagnostics, got %d: %v", len(want), len(ds), ds)
	}
	for i, w := range want {
		d := ds[i]
		if d.Rule != w.rule || d.Range != at(t, text, w.at, w.n) || !strings.Contains(d.Message, w.msg) {
			t.Errorf("%d: got %s at %v %q; want %s at %v %q", i, d.Rule, d.Range, d.Message, w.rule, at(t, text, w.at, w.n), w.msg)
		}
	}
	if fix := ds[0].Fixes; len(fix) != 1 || fix[0].Edits[0].NewText != "test" || fix[0].Edits[0].Range != at(t, text, "tset", 0) {
		t.Errorf("fix %+v", fix)
	}
}

func TestComposeRelativeContexts(t *testing.T) {
	dir := tree(t, map[string]string{
		"deploy/compose.yaml":           "services:\n  a:\n    build:\n      context: ../src\n      dockerfile: docker/Dockerfile\n      target: build\n  b:\n    build: .\n",
		"src/docker/Dockerfile":         multiStage,
		"deploy/Dockerfile":             "FROM alpine AS only\n",
		"elsewhere/Dockerfile.absolute": multiStage,
	})
	p := filepath.Join(dir, "deploy", "compose.yaml")
	data, _ := os.ReadFile(p)
	d := Parse(p, string(data))
	r := Resolver{Roots: []string{dir}} // ../src is inside the workspace, not inside deploy/
	r.Resolve(d)
	if got, want := d.Builds[0].DockerfilePath, filepath.Join(dir, "src", "docker", "Dockerfile"); got != want {
		t.Errorf("a: %s, want %s", got, want)
	}
	if got, want := d.Builds[1].DockerfilePath, filepath.Join(dir, "deploy", "Dockerfile"); got != want {
		t.Errorf("b: %s, want %s", got, want)
	}
	if ds := Diagnose(d, &r); len(ds) != 0 {
		t.Errorf("diagnostics %v", ds)
	}
	// An absolute dockerfile is taken as it is.
	abs := filepath.Join(dir, "elsewhere", "Dockerfile.absolute")
	d = Parse(p, "services:\n  a:\n    build:\n      context: .\n      dockerfile: "+abs+"\n      target: test\n")
	r.Resolve(d)
	if d.Builds[0].DockerfilePath != abs {
		t.Errorf("absolute dockerfile resolved to %s", d.Builds[0].DockerfilePath)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
