package refactor_test

import (
	"context"
	"errors"
	"flag"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

var update = flag.Bool("update", false, "rewrite the .golden files")

// TestSplitGolden splits every testdata/split/<recipe>_<n>.Dockerfile and
// compares the result with <recipe>_<n>.golden; the recipe in the name must
// be the one chosen. Every output must then pass checkSplit.
func TestSplitGolden(t *testing.T) {
	inputs, err := filepath.Glob("../../testdata/split/*.Dockerfile")
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no split fixtures (%v)", err)
	}
	perRecipe := map[string]int{}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".Dockerfile")
		recipe := name[:strings.LastIndexByte(name, '_')]
		perRecipe[recipe]++
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			r, err := refactor.SplitDetail(syntax.Parse(text), nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Recipe != recipe {
				t.Errorf("recipe %q, want %q", r.Recipe, recipe)
			}
			golden := strings.TrimSuffix(in, ".Dockerfile") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(r.Text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if r.Text != string(want) {
				t.Errorf("split differs from %s (run with -update to see the diff in git):\n%s", golden, r.Text)
			}
			checkSplit(t, text, r)
		})
	}
	for _, rc := range []string{"go", "node-static", "node-server", "java-maven", "java-gradle", "python", "rust", "dotnet", "c", "generic"} {
		if perRecipe[rc] < 2 {
			t.Errorf("recipe %s has %d golden cases, want at least 2", rc, perRecipe[rc])
		}
	}
}

// checkSplit asserts what every split must satisfy: its edits produce its
// text, no line of the input is lost, line endings are kept, BuildKit
// accepts it and the final stage depends on the build stage, the rules
// that ask for a split are satisfied, no error, warning or information of
// the project's rules remains but those keptAfterSplit explains, and the
// split is not offered again.
func checkSplit(t *testing.T, in string, r refactor.Result) {
	t.Helper()
	out := r.Text
	if got := refactor.ApplyEdits(in, r.Edits); got != out {
		t.Errorf("the edits do not produce the text:\n%s", got)
	}
	for _, line := range lostLines(in, out) {
		t.Errorf("input line lost: %q", line)
	}
	if strings.Count(in, "\r\n") > strings.Count(in, "\n")/2 && strings.Count(out, "\n") != strings.Count(out, "\r\n") {
		t.Errorf("a CRLF file got LF line endings:\n%q", out)
	}
	checkBuildKit(t, out)
	f := syntax.Parse(out)
	m := model.Build(f)
	final := m.Stages[len(m.Stages)-1]
	reach := m.Reachable(final)
	if len(m.Stages) != 2 || !reach[m.Stages[0]] {
		t.Errorf("the runtime stage does not depend on the build stage")
	}
	before := map[string]bool{}
	for _, d := range check.Run(context.Background(), syntax.Parse(in), check.Config{}) {
		before[d.Rule+"\x00"+d.Message] = true
	}
	for _, d := range check.Run(context.Background(), f, check.Config{}) {
		if d.Severity.AtLeast(analysis.Information) && !allowedAfterSplit(d, before, out) {
			t.Errorf("the split's output has %s %s at %d: %s", d.Severity, d.Rule, d.Range.Start, d.Message)
		}
		if d.Rule == "SingleStageBuild" || d.Rule == "FinalStageBuildImage" {
			t.Errorf("after the split, %s still reports: %s", d.Rule, d.Message)
		}
		// A runtime image the split picks is pinned; one it keeps from the input is as the user wrote it.
		if d.Rule == "UnpinnedBaseImage" && d.Range.Start >= final.From.Offset && final.BaseValue != m.Stages[0].BaseValue {
			t.Errorf("the split's runtime stage is unpinned: %s", d.Message)
		}
	}
	if _, err := refactor.SplitDetail(f, nil); !errors.Is(err, refactor.ErrNotApplicable) {
		t.Errorf("the split is offered again on its own output (err=%v)", err)
	}
	if r.Recipe == "generic" || strings.Contains(out, "REPLACE-WITH-ARTIFACT-PATH") {
		if len(r.Placeholders) == 0 {
			t.Errorf("a placeholder split marks no placeholder")
		}
		if !strings.Contains(out, "TODO(dockerfile-lsp)") {
			t.Errorf("the placeholder is not marked with a TODO comment")
		}
	}
	for _, p := range r.Placeholders {
		e := r.Edits[p.Edit]
		if p.Start < 0 || p.End > len(e.NewText) || p.Start >= p.End {
			t.Errorf("placeholder %+v outside its edit", p)
		}
	}
}

// keptAfterSplit are the findings of the project's rules (BuildKit's
// included) that a split's output may still have, each with the reason.
// Inherited ones are allowed only when the input had the same finding;
// the others only when the output carries the comment that explains them.
var keptAfterSplit = []struct {
	rule      string
	inherited bool
	comment   string
	why       string
}{
	{"LegacyKeyValueFormat", true, "", "the user's own ENV and LABEL lines, kept as written: the split never rewrites a line"},
	{"JSONArgsRecommended", true, "", "the user's own shell-form CMD or ENTRYPOINT, moved as written (it may rely on the shell)"},
	{"UnpinnedBaseImage", true, "", "the runtime stage reuses the user's own unpinned base image (checkSplit requires an image the split picks to be pinned)"},
	{"CacheBustingCopy", false, "# CacheBustingCopy: ", "a dependency install the split cannot move above the COPY of the whole context (its RUN does more, or follows steps it may need)"},
	{"FinalStageRunsAsRoot", false, "# FinalStageRunsAsRoot: ", "the input ran as root on an image with no unprivileged user: which files the program writes is unknown, so the split keeps root and says so"},
}

func allowedAfterSplit(d analysis.Diagnostic, before map[string]bool, out string) bool {
	for _, k := range keptAfterSplit {
		if k.rule != d.Rule {
			continue
		}
		if k.inherited {
			return before[d.Rule+"\x00"+d.Message]
		}
		return strings.Contains(out, k.comment)
	}
	return false
}

// lostLines are the non-blank input lines that the output has neither as a
// line, nor commented out, nor extended (FROM x → FROM x AS build).
// crossWords are the words a split that cross-compiles adds inside the
// user's lines; lostLines compares lines without them.
var crossWords = strings.NewReplacer(" --platform=$BUILDPLATFORM", "", facts.GoCrossEnv+" ", "", "xx-cargo build", "cargo build")

// crossCopy is the copy out of the target directory a Rust cross-compile
// appends to the cargo build.
var crossCopy = regexp.MustCompile(` && mkdir -p /out && cp [^&;]* /out/`)

// withoutCross is a line without the words a cross-compiling split adds.
func withoutCross(l string) string {
	return crossWords.Replace(crossCopy.ReplaceAllString(strings.TrimSpace(l), ""))
}

func lostLines(in, out string) []string {
	have := map[string]bool{}
	var outLines []string
	for _, l := range strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n") {
		l = withoutCross(l)
		have[l] = true
		if c, ok := strings.CutPrefix(l, "# "); ok {
			have[strings.TrimSpace(c)] = true
		}
		outLines = append(outLines, l)
	}
	var lost []string
	for _, l := range strings.Split(strings.ReplaceAll(in, "\r\n", "\n"), "\n") {
		l = withoutCross(l)
		if l == "" || have[l] {
			continue
		}
		found := false
		for _, o := range outLines {
			if strings.HasPrefix(o, l+" AS ") || strings.HasPrefix(o, l+" as ") {
				found = true
			}
		}
		if !found {
			lost = append(lost, l)
		}
	}
	return lost
}

// TestSplitRustCrossCompile: a Rust split cross-compiles with tonistiigi/xx
// only in a file built for several platforms, for a plain cargo build whose
// binaries are known, on a stage whose platform the author did not pin.
func TestSplitRustCrossCompile(t *testing.T) {
	tests := []struct {
		name, in string
		cross    bool
	}{
		{"multi-platform cargo build", "FROM rust:1.80\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n", true},
		{"two binaries in one build", "FROM rust:1.80\nARG TARGETOS\nWORKDIR /src\nCOPY . .\nRUN cargo build --release --bin api --bin worker\nCMD [\"/src/target/release/api\"]\n", true},
		{"single-platform file", "FROM rust:1.80\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n", false},
		{"platform pinned by the author", "FROM --platform=linux/amd64 rust:1.80\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n", false},
		{"cargo install", "FROM rust:1.80\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN cargo install --path .\nCMD [\"app\"]\n", false},
		{"explicit --target", "FROM rust:1.80\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN cargo build --release --target x86_64-unknown-linux-musl\nCMD [\"./target/x86_64-unknown-linux-musl/release/app\"]\n", false},
		{"binary name unknown", "FROM rust:1.80\nARG TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\nCMD [\"sh\", \"-c\", \"exec $APP\"]\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := refactor.SplitDetail(syntax.Parse(tt.in), nil)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Contains(r.Text, "xx-cargo build")
			if got != tt.cross {
				t.Fatalf("cross-compiles = %v, want %v:\n%s", got, tt.cross, r.Text)
			}
			if got != strings.Contains(r.Text, "--platform=$BUILDPLATFORM") || got != strings.Contains(r.Text, "COPY --from="+facts.XXImage+" / /") {
				t.Errorf("xx-cargo without the build platform and the xx helpers, or the reverse:\n%s", r.Text)
			}
			if !strings.HasPrefix(tt.in, "FROM --platform=linux/") { // its own warnings stay (FromPlatformFlagConstDisallowed)
				checkSplit(t, tt.in, r)
			}
		})
	}
}

// TestSplitDepsFirst: a dependency install after the COPY of the whole
// context moves above it only when nothing it may need lies between, else
// the output says why it stays; a Go build with no download of its own gets
// one, unless its modules are vendored.
func TestSplitDepsFirst(t *testing.T) {
	tests := []struct {
		name, in string
		moved    bool
		comment  bool // the output explains why an install stays
	}{
		{"install right after the copy", "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN go build -o /bin/app .\nCMD [\"/bin/app\"]\n", true, false},
		{"go build with no download of its own", "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/app ./cmd/app\nCMD [\"/bin/app\"]\n", true, false},
		{"go build of vendored modules", "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -mod=vendor -o /bin/app ./cmd/app\nCMD [\"/bin/app\"]\n", false, false},
		{"install after a system package install", "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n", false, true},
		{"install in the directory a later WORKDIR sets", "FROM node:22\nCOPY . /app\nWORKDIR /app\nRUN npm ci\nRUN npm run build\nCMD [\"node\", \"dist/index.js\"]\n", false, true},
		{"install and build in one RUN", "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/index.js\"]\n", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := refactor.SplitDetail(syntax.Parse(tt.in), nil)
			if err != nil {
				t.Fatal(err)
			}
			moved := strings.Contains(r.Text, "# the dependency manifests first") || strings.Contains(r.Text, "# the modules first")
			if moved != tt.moved {
				t.Fatalf("moved = %v, want %v:\n%s", moved, tt.moved, r.Text)
			}
			if got := strings.Contains(r.Text, "# CacheBustingCopy: "); got != tt.comment {
				t.Errorf("explaining comment = %v, want %v:\n%s", got, tt.comment, r.Text)
			}
			checkSplit(t, tt.in, r)
		})
	}
}

// The split is not offered where it cannot help: an image whose program is
// a dev server, a test run, a build tool or a shell kept alive.
func TestSplitRefusesNonApplicationImages(t *testing.T) {
	for name, text := range map[string]string{
		"go run":         "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build ./...\nCMD [\"go\", \"run\", \"./cmd/api\"]\n",
		"sleep infinity": "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"sleep\", \"infinity\"]\n",
		"go test":        "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"go\", \"test\", \"./...\"]\n",
		"mvn":            "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /src\nCOPY . .\nRUN mvn -B package\nCMD [\"mvn\"]\n",
	} {
		_, err := refactor.SplitDetail(syntax.Parse(text), nil)
		if !errors.Is(err, refactor.ErrNotApplicable) || !strings.Contains(err.Error(), "image (") {
			t.Errorf("%s: split offered or refused for another reason (err=%v)", name, err)
		}
	}
}

// The split is not offered where its runtime stage would not help: a JDK
// image with no application (its smoke test builds nothing), a runtime that
// would be the build's own devel image, a workspace app whose node_modules
// link into the root's store. Each refusal says why.
func TestSplitRefusesWhereItCannotHelp(t *testing.T) {
	for _, tc := range []struct{ name, text, why string }{
		{"jdk smoke test", "FROM eclipse-temurin:17-jdk\nRUN javac -version\nCMD [\"jshell\"]\n", "builds no application of its own"},
		{"same devel image", "FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nWORKDIR /src\nCOPY . .\nRUN make\nCMD [\"./app\"]\n", "the build's own image"},
		{"pnpm workspace file", "FROM node:20\nWORKDIR /app\nCOPY pnpm-workspace.yaml package.json pnpm-lock.yaml ./\nCOPY apps ./apps\nRUN corepack enable && pnpm install --frozen-lockfile && pnpm run build\nCMD [\"node\", \"apps/web/dist/server.js\"]\n", "workspace app (it copies pnpm-workspace.yaml)"},
		{"pnpm filter", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN corepack enable && pnpm install && pnpm --filter web build\nCMD [\"node\", \"apps/web/dist/server.js\"]\n", "workspace app (it runs pnpm --filter)"},
		{"yarn workspace", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn install && yarn workspace web build\nCMD [\"yarn\", \"workspace\", \"web\", \"start\"]\n", "workspace app (it runs yarn workspace)"},
	} {
		_, err := refactor.SplitDetail(syntax.Parse(tc.text), nil)
		if !errors.Is(err, refactor.ErrNotApplicable) || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("%s: split offered or refused for another reason (err=%v), want %q", tc.name, err, tc.why)
		}
	}
	// A plain Node.js app is still split.
	if _, err := refactor.SplitDetail(syntax.Parse("FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nCMD [\"node\", \"dist/server.js\"]\n"), nil); err != nil {
		t.Errorf("plain node app not split: %v", err)
	}
}
