package buildkit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/buildkit/frontend/subrequests/lint"
	dockerspec "github.com/moby/docker-image-spec/specs-go/v1"
	"github.com/moby/patternmatcher/ignorefile"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

func lintText(t *testing.T, text string) (*syntax.File, []analysis.Diagnostic) {
	t.Helper()
	f := syntax.Parse(text)
	ds, err := Lint(context.Background(), f, Options{})
	if err != nil {
		t.Fatalf("Lint: %v", err)
	}
	return f, ds
}

// find returns the diagnostics of rule, with the text each range covers.
func find(f *syntax.File, ds []analysis.Diagnostic, rule string) (out []analysis.Diagnostic, texts []string) {
	for _, d := range ds {
		if d.Rule == rule {
			out = append(out, d)
			texts = append(texts, f.Text[d.Range.Start:d.Range.End])
		}
	}
	return out, texts
}

// TestNarrowing checks that every check's line-wide warning lands on the word
// it is about.
func TestNarrowing(t *testing.T) {
	tests := []struct {
		rule, text, want string
	}{
		{"FromAsCasing", "FROM alpine as build\nRUN true\n", "as"},
		{"StageNameCasing", "FROM alpine AS Build\nRUN true\n", "Build"},
		{"ConsistentInstructionCasing", "FROM alpine\nRUN true\nrun true\nCMD [\"x\"]\n", "run"},
		{"MaintainerDeprecated", "FROM alpine\nMAINTAINER me <me@example.com>\n", "MAINTAINER"},
		{"JSONArgsRecommended", "FROM alpine\nENTRYPOINT my-app --flag  \n", "my-app --flag"},
		{"WorkdirRelativePath", "FROM alpine\nWORKDIR app\n", "app"},
		{"LegacyKeyValueFormat", "FROM alpine\nENV   KEY value\n", "KEY"},
		{"UndefinedVar", "FROM alpine\nENV A=1\nCOPY a /b/${DEST:-x}/c\n", "${DEST:-x}"},
		{"UndefinedVar", "FROM alpine\nENV B=\\$NOPE C=$NOPE\n", "$NOPE"},
		{"UndefinedArgInFrom", "FROM alpine:3.20$SUFFIX\n", "$SUFFIX"},
		{"RedundantTargetPlatform", "FROM --platform=${TARGETPLATFORM} alpine\n", "${TARGETPLATFORM}"},
		{"FromPlatformFlagConstDisallowed", "FROM --platform=linux/arm64 alpine AS build\n", "linux/arm64"},
		{"SecretsUsedInArgOrEnv", "FROM alpine\nENV A=1 DB_PASSWORD=x\n", "DB_PASSWORD"},
		{"SecretsUsedInArgOrEnv", "FROM alpine\nARG GITHUB_TOKEN\n", "GITHUB_TOKEN"},
		{"ExposeProtoCasing", "FROM alpine\nEXPOSE 80/tcp 53/UDP\n", "53/UDP"},
		{"ExposeInvalidFormat", "FROM alpine\nEXPOSE 8080 127.0.0.1:80:80\n", "127.0.0.1:80:80"},
		{"MultipleInstructionsDisallowed", "FROM alpine\nCMD [\"a\"]\nCMD [\"b\"]\n", "CMD"},
		{"NoEmptyContinuation", "FROM alpine\nRUN echo a \\\n\n  && echo b\n", "\\\n"},
		{"NoEmptyContinuation", "FROM alpine\nRUN echo a \\\n# note\n\n  && echo b\n", "\\\n# note\n"},
		{"InvalidDefinitionDescription", "# check=experimental=InvalidDefinitionDescription\n\n# the builder stage\nFROM alpine AS build\nRUN true\n", "# the builder stage"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			f, ds := lintText(t, tt.text)
			got, texts := find(f, ds, tt.rule)
			if len(got) != 1 {
				t.Fatalf("got %d %s in %q (all: %v)", len(got), tt.rule, tt.text, ds)
			}
			if texts[0] != tt.want {
				t.Errorf("range covers %q, want %q", texts[0], tt.want)
			}
			d := got[0]
			if d.Source != Source || d.Severity != analysis.Warning || !strings.HasPrefix(d.URL, "https://docs.docker.com/") {
				t.Errorf("source %q severity %v url %q", d.Source, d.Severity, d.URL)
			}
		})
	}
}

// TestLineEndings: BuildKit counts lines at "\n" only; ranges must still be
// right with CRLF, a BOM and non-ASCII text before the word.
func TestLineEndings(t *testing.T) {
	text := "\ufeff# é ☃\r\nFROM alpine as build\r\nRUN echo ☃ \\\r\n  && true\r\nENV KEY value\r\n"
	f, ds := lintText(t, text)
	for rule, want := range map[string]string{"FromAsCasing": "as", "LegacyKeyValueFormat": "KEY"} {
		_, texts := find(f, ds, rule)
		if len(texts) != 1 || texts[0] != want {
			t.Errorf("%s: ranges cover %q, want [%q]", rule, texts, want)
		}
	}
}

func TestCheckDirective(t *testing.T) {
	t.Run("error=true", func(t *testing.T) {
		_, ds := lintText(t, "# check=error=true\nFROM alpine as build\nENV A b\n")
		if len(ds) != 2 {
			t.Fatalf("want FromAsCasing and LegacyKeyValueFormat only (the summary error is redundant), got %v", ds)
		}
		for _, d := range ds {
			if d.Severity != analysis.Error {
				t.Errorf("%s: severity %v, want error", d.Rule, d.Severity)
			}
		}
	})
	t.Run("skip", func(t *testing.T) {
		f, ds := lintText(t, "# check=skip=FromAsCasing\nFROM alpine as build\nENV A b\n")
		if got, _ := find(f, ds, "FromAsCasing"); len(got) != 0 {
			t.Errorf("skipped rule reported: %v", got)
		}
		if got, _ := find(f, ds, "LegacyKeyValueFormat"); len(got) != 1 {
			t.Errorf("other rules must still run: %v", ds)
		}
	})
	t.Run("skip=all", func(t *testing.T) {
		if _, ds := lintText(t, "# check=skip=all\nFROM alpine as build\nENV A b\n"); len(ds) != 0 {
			t.Errorf("got %v", ds)
		}
	})
	t.Run("invalid", func(t *testing.T) {
		f, ds := lintText(t, "# check=bogus\nFROM alpine\n")
		got, texts := find(f, ds, RuleBuildKitError)
		if len(got) != 1 || texts[0] != "# check=bogus" || !strings.Contains(got[0].Message, "invalid check option") {
			t.Errorf("got %v %q", got, texts)
		}
	})
}

func TestHardErrors(t *testing.T) {
	tests := []struct {
		text, want, message string
	}{
		{"FROM alpine\nRUNN x\n", "RUNN x", "unknown instruction: RUNN (did you mean RUN?)"},
		{"FROM alpine\nCOPY --user=me a /b\n", "COPY --user=me a /b", "unknown flag: --user"},
		{"FROM alpine\nCOPY --from=5 /x /y\n", "5", "invalid stage index 5"},
		{"FROM alpine\nCOPY --from=$X /x /y\n", "$X", "variable expansion is not supported for --from"},
		{"FROM alpine\nRUN <<EOF\necho\n", "RUN <<EOF", "unterminated heredoc"},
		{"FROM alpine:3.20$UNDECLARED:x\n", "alpine:3.20$UNDECLARED:x", "invalid reference format"},
		{"# just a comment\n", "# just a comment", "file with no instructions"},
		{"# syntax=docker/dockerfile:1\n\n# nothing else\n\n", "# syntax=docker/dockerfile:1", "file with no instructions"},
	}
	for _, tt := range tests {
		f, ds := lintText(t, tt.text)
		got, texts := find(f, ds, RuleBuildKitError)
		if len(got) != 1 {
			t.Errorf("%q: got %v", tt.text, ds)
			continue
		}
		if texts[0] != tt.want || !strings.Contains(got[0].Message, tt.message) || got[0].Severity != analysis.Error || got[0].URL != ErrorURL {
			t.Errorf("%q: got %q on %q, want %q on %q", tt.text, got[0].Message, texts[0], tt.message, tt.want)
		}
	}
	if _, ds := lintText(t, "  \n\n"); len(ds) != 0 {
		t.Errorf("an empty file is not an error while typing: %v", ds)
	}
}

// TestStableSuggestion: BuildKit picks its "did you mean" from a map, so
// for ARD (one edit from ADD and from ARG) it answers ARG in about 3 runs of
// 100 (measured); the published message is the same on every run.
func TestStableSuggestion(t *testing.T) {
	cacheEnabled = false // every run asks BuildKit again
	defer func() { cacheEnabled = true }()
	for text, want := range map[string]string{
		"FROM alpine\nARD x\n":        "unknown instruction: ARD (did you mean ADD?)",
		"FROM alpine:3.20\nFROMM x\n": "unknown instruction: FROMM (did you mean FROM?)",
		"from alpine\nrunn x\n":       "unknown instruction: runn (did you mean run?)",
		"FROM alpine\nHEALTH x\n":     "unknown instruction: HEALTH (did you mean HEALTHCHECK?)",
		"FROM alpine\nBOGUS x\n":      "unknown instruction: BOGUS",
	} {
		runs := 3
		if strings.Contains(text, "ARD") {
			runs = 300 // misses a changing answer about once in 10,000
		}
		for range runs {
			f, ds := lintText(t, text)
			got, _ := find(f, ds, RuleBuildKitError)
			if len(got) != 1 || got[0].Message != want {
				t.Fatalf("%q: got %v, want %q", text, got, want)
			}
		}
	}
}

func TestCovered(t *testing.T) {
	for text, rule := range map[string]string{
		"FROM alpine AS a\nCOPY --from=b /x /y\nFROM alpine AS b\nCOPY --from=a /x /y\n": "CircularStageDependency",
		"FROM alpine\nCOPY --from=5 /x /y\n":                                             "StageIndexOutOfRange",
		"FROM alpine\nCOPY --from=$X /x /y\n":                                            "VariableInCopyFrom",
		"FROM alpine\nRUN --mount=from=$X,target=/x true\n":                              "VariableInCopyFrom",
		"FROM alpine\nRUNN x\n":                                                          "",
	} {
		f, ds := lintText(t, text)
		if len(ds) != 1 {
			t.Fatalf("%q: %v", text, ds)
		}
		other := []analysis.Diagnostic{{Rule: "UnusedStage"}}
		if Covered(f, ds[0], other) {
			t.Errorf("%q: covered by an unrelated rule", text)
		}
		if got := Covered(f, ds[0], append(other, analysis.Diagnostic{Rule: rule})); got != (rule != "") {
			t.Errorf("%q: covered by %q: %v", text, rule, got)
		}
	}
}

// TestCopyIgnoredFile: given the context's .dockerignore patterns, BuildKit's
// CopyIgnoredFile fires on the excluded sources, as in a build, unless the
// patterns have exceptions (BuildKit then checks nothing); a
// CopySourceNotFound on the same source covers it, one on another does not.
func TestCopyIgnoredFile(t *testing.T) {
	const text = "FROM alpine\nCOPY static/index.html ./build.log keep.txt /srv/\nARG SRC=static\nCOPY $SRC /srv/\n"
	f := syntax.Parse(text)
	tests := []struct {
		name     string
		patterns []string
		want     []string // the ranges' texts
	}{
		{"no context", nil, nil},
		{"excluded", []string{"static", "*.log"}, []string{"static/index.html", "./build.log", "$SRC"}},
		{"a comment-like pattern", []string{"#keep.txt"}, nil},
		{"an exception", []string{"static", "*.log", "!keep.log"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := Lint(context.Background(), f, Options{IgnorePatterns: tt.patterns})
			if err != nil {
				t.Fatal(err)
			}
			got, texts := find(f, ds, "CopyIgnoredFile")
			if strings.Join(texts, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("ranges %q, want %q (all: %v)", texts, tt.want, ds)
			}
			for _, d := range got {
				if d.Severity != analysis.Warning || d.URL == "" {
					t.Errorf("%+v", d)
				}
			}
		})
	}
	ds, _ := Lint(context.Background(), f, Options{IgnorePatterns: []string{"static", "*.log"}})
	got, _ := find(f, ds, "CopyIgnoredFile")
	own := func(word string) analysis.Diagnostic {
		i := strings.Index(text, word)
		return analysis.Diagnostic{Rule: "CopySourceNotFound", Range: syntax.Range{Start: i, End: i + len(word)}}
	}
	if !Covered(f, got[0], []analysis.Diagnostic{own("static/index.html")}) || !Covered(f, got[1], []analysis.Diagnostic{own("./build.log")}) {
		t.Error("CopySourceNotFound on the same source should cover CopyIgnoredFile")
	}
	if Covered(f, got[0], []analysis.Diagnostic{own("keep.txt")}) || Covered(f, got[2], []analysis.Diagnostic{own("static/index.html")}) {
		t.Error("CopySourceNotFound on another source covers nothing")
	}
}

func TestIgnoreFileText(t *testing.T) {
	patterns := []string{"#x", "!#y", "a/b", "!a/b/c", "**/*.log", "/", "!"}
	got, err := ignorefile.ReadAll(bytes.NewReader(ignoreFileText(patterns)))
	if err != nil || strings.Join(got, "\n") != strings.Join(patterns, "\n") {
		t.Errorf("read back %q, %v; want %q", got, err, patterns)
	}
}

// TestOwnedByProject: the project's rules report duplicate and reserved stage
// names; BuildKit's copies are dropped.
func TestOwnedByProject(t *testing.T) {
	_, ds := lintText(t, "FROM alpine AS a\nRUN true\nFROM alpine AS a\nRUN true\nFROM alpine AS scratch\n")
	if len(ds) != 0 {
		t.Errorf("got %v", ds)
	}
}

func TestBuildArgHint(t *testing.T) {
	text := "ARG REGISTRY\nARG TAG\nARG PLATFORM\n" +
		"FROM --platform=$PLATFORM $REGISTRY/app:$TAG AS app\nENV A b\n" +
		"FROM alpine as final\nCOPY --from=app /a /a\n"
	f, ds := lintText(t, text)
	hints, texts := find(f, ds, "InvalidDefaultArgInFrom")
	if len(hints) != 1 {
		t.Fatalf("got %v", ds)
	}
	h := hints[0]
	if h.Severity != analysis.Hint || texts[0] != "$REGISTRY/app:$TAG" {
		t.Errorf("hint %v on %q", h.Severity, texts[0])
	}
	for _, arg := range []string{"REGISTRY", "TAG", "PLATFORM"} { // an empty --platform fails too
		if !strings.Contains(h.Message, "--build-arg "+arg+"=") {
			t.Errorf("message %q does not name %s", h.Message, arg)
		}
	}
	if len(h.Related) != 3 || f.Text[h.Related[0].Range.Start:h.Related[0].Range.End] != "REGISTRY" {
		t.Errorf("related: %v", h.Related)
	}
	if got, _ := find(f, ds, RuleBuildKitError); len(got) != 0 {
		t.Errorf("the FROM only needs build args, not an error: %v", got)
	}
	// The second run got past the FROM: the checks after it ran.
	for _, rule := range []string{"LegacyKeyValueFormat", "FromAsCasing"} {
		if got, _ := find(f, ds, rule); len(got) != 1 {
			t.Errorf("%s not reported after the FROM that needs build args: %v", rule, ds)
		}
	}
	// With the build args given there is nothing to hint about.
	ds, err := Lint(context.Background(), f, Options{BuildArgs: map[string]string{"REGISTRY": "r.example.com", "TAG": "1", "PLATFORM": "linux/amd64"}})
	if err != nil {
		t.Fatal(err)
	}
	// BuildKit checks the defaults only, so it still reports the FROM: giving
	// the arguments must not make that louder than the hint that asked for
	// them.
	got, _ := find(f, ds, "InvalidDefaultArgInFrom")
	if len(got) != 1 || got[0].Severity != analysis.Hint || !strings.Contains(got[0].Message, "the build arguments in use give them") || len(got[0].Related) != 3 {
		t.Errorf("with build args: %v", got)
	}
	// Under error=true every finding is an error, this one included.
	ds, _ = Lint(context.Background(), f, Options{BuildArgs: map[string]string{"REGISTRY": "r.example.com", "TAG": "1", "PLATFORM": "linux/amd64", CheckBuildArg: "error=true"}})
	if got, _ := find(f, ds, "InvalidDefaultArgInFrom"); len(got) != 1 || got[0].Severity != analysis.Error {
		t.Errorf("with error=true: %v", got)
	}
}

// TestSomeBuildArgsGiven: with one needed build argument given and another
// missing, the second lint keeps the given value.
func TestSomeBuildArgsGiven(t *testing.T) {
	f := syntax.Parse("ARG BASE\nARG REGISTRY\nFROM alpine:3.20 AS x\nRUN true\nFROM ${BASE} AS a\nCOPY --from=x / /\nFROM ${REGISTRY}/team/app AS b\nCOPY --from=a / /\n")
	ds, err := Lint(context.Background(), f, Options{BuildArgs: map[string]string{"BASE": "alpine:3.20"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := find(f, ds, RuleBuildKitError); len(got) != 0 {
		t.Errorf("BASE was given: %v", got)
	}
	hints := 0
	for _, d := range ds {
		if d.Severity == analysis.Hint && strings.Contains(d.Message, "--build-arg REGISTRY") {
			hints++
		}
	}
	if hints != 1 {
		t.Errorf("want one hint for REGISTRY: %v", ds)
	}
}

// TestUndeclaredArgIsAnError: a FROM variable that no ARG declares cannot be
// passed with --build-arg: that stays an error.
func TestUndeclaredArgIsAnError(t *testing.T) {
	f, ds := lintText(t, "FROM $BASE\nRUN true\n")
	if got, _ := find(f, ds, RuleBuildKitError); len(got) != 1 {
		t.Errorf("got %v", ds)
	}
}

func TestBaseImageEnv(t *testing.T) {
	known := "FROM golang:1.24 AS go\nWORKDIR $GOPATH/src\n" +
		"FROM mcr.microsoft.com/dotnet/sdk:9.0 AS sdk\nENV V=$DOTNET_SDK_VERSION\n" +
		"FROM mcr.microsoft.com/dotnet/aspnet:9.0\nUSER $APP_UID\nENV P=$ASPNETCORE_HTTP_PORTS PATH=$PATH:/x\n" +
		"FROM python:3.13\nENV V=$PYTHON_VERSION K=$GPG_KEY\n" +
		"FROM node:22\nENV V=$NODE_VERSION Y=$YARN_VERSION\n" +
		"FROM amd64/buildpack-deps:bookworm\nENV P=$PATH\n" +
		"FROM eclipse-temurin:21\nENV J=$JAVA_HOME\n"
	if _, ds := lintText(t, known); len(ds) != 0 {
		t.Errorf("variables of well-known base images reported: %v", ds)
	}
	f, ds := lintText(t, "FROM alpine\nUSER $APP_UID\n")
	if got, _ := find(f, ds, "UndefinedVar"); len(got) != 1 || got[0].Severity != analysis.Warning {
		t.Errorf("alpine does not set APP_UID: %v", ds)
	}
	// A stage built on a stage inherits its root image's environment.
	if _, ds := lintText(t, "FROM golang:1.24 AS base\nFROM base\nWORKDIR $GOPATH\n"); len(ds) != 0 {
		t.Errorf("got %v", ds)
	}
}

func TestResolver(t *testing.T) {
	p := ocispecs.Platform{OS: "linux", Architecture: "arm64", Variant: "v8"}
	ref, _, dt, err := offlineResolver{}.ResolveImageConfig(context.Background(), "docker.io/library/golang:1.24",
		sourceresolver.Opt{ImageOpt: &sourceresolver.ResolveImageOpt{Platform: &p}})
	if err != nil || ref != "docker.io/library/golang:1.24" {
		t.Fatal(ref, err)
	}
	var img dockerspec.DockerOCIImage
	if err := json.Unmarshal(dt, &img); err != nil {
		t.Fatal(err)
	}
	if img.OS != "linux" || img.Architecture != "arm64" || img.Variant != "v8" || len(img.RootFS.DiffIDs) != 1 {
		t.Errorf("image: %+v", img)
	}
	if !contains(img.Config.Env, "GOPATH=/go") || !hasPrefix(img.Config.Env, "PATH=/go/bin:") {
		t.Errorf("env: %v", img.Config.Env)
	}
	win := ocispecs.Platform{OS: "windows", Architecture: "amd64"}
	_, _, dt, _ = offlineResolver{}.ResolveImageConfig(context.Background(), "mcr.microsoft.com/dotnet/aspnet:9.0-nanoserver-ltsc2022",
		sourceresolver.Opt{ImageOpt: &sourceresolver.ResolveImageOpt{Platform: &win}})
	img = dockerspec.DockerOCIImage{}
	json.Unmarshal(dt, &img)
	if !hasPrefix(img.Config.Env, `PATH=C:\Windows`) || !contains(img.Config.Env, "APP_UID=1654") {
		t.Errorf("windows env: %v", img.Config.Env)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, _, err := (offlineResolver{}).ResolveImageConfig(ctx, "alpine", sourceresolver.Opt{}); err == nil {
		t.Error("a cancelled lookup must fail")
	}
}

func contains(env []string, kv string) bool {
	for _, e := range env {
		if e == kv {
			return true
		}
	}
	return false
}

func hasPrefix(env []string, prefix string) bool {
	for _, e := range env {
		if strings.HasPrefix(e, prefix) {
			return true
		}
	}
	return false
}

func TestNotASecret(t *testing.T) {
	for _, tt := range []struct {
		key, value string
		not        bool
	}{
		{"GPG_KEY", "7169605F62C751356D054A26A821E680E5FA6305", true},
		{"NODE_GPG_KEY", "", true},
		{"SIGNING_KEY", "A035C8C19219BA821ECEA86B64E628F8D684696D B26995E310250568", true},
		{"DefaultProcess__Filters__0__Key", "ProcessId", true},
		{"LICENSE_KEY", "lgNvGyhnUKpa5PJi", false},
		{"AWS_SECRET_ACCESS_KEY", "", false},
		{"API_KEY", "ProcessId", false},
		{"Storage__Key", "c2VjcmV0LXZhbHVlLTEyMw==", false},
	} {
		if got := notASecret(tt.key, tt.value); got != tt.not {
			t.Errorf("notASecret(%q, %q) = %v", tt.key, tt.value, got)
		}
	}
}

func TestWindows(t *testing.T) {
	// By directive, by base image, and by a C:\ path when the base is a build arg.
	for _, text := range []string{
		"# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n",
		"FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\\\app\n",
		"ARG BASE\nFROM $BASE\nWORKDIR C:/bin\n",
	} {
		f, ds := lintText(t, text)
		if got, _ := find(f, ds, "WorkdirRelativePath"); len(got) != 0 {
			t.Errorf("%q: %v", text, got)
		}
	}
}

// TestLegacyKeyValueFix applies the fix and checks with BuildKit's own parser
// that the instruction means exactly the same, and is no longer reported.
func TestLegacyKeyValueFix(t *testing.T) {
	tests := []struct{ in, out string }{
		{"ENV KEY value", "ENV KEY=value"},
		{"ENV KEY   \"quoted value\"", "ENV KEY=\"quoted value\""},
		{"ENV KEY two words  $HOME", "ENV KEY=\"two words  $HOME\""},
		{"LABEL maintainer me@example.com", "LABEL maintainer=me@example.com"},
		{"ENV KEY 'a b' c", ""},   // quotes and several words: no fix
		{"ENV KEY a \\\n  b", ""}, // spread over lines: no fix
	}
	for _, tt := range tests {
		text := "FROM alpine\n" + tt.in + "\n"
		f, ds := lintText(t, text)
		got, _ := find(f, ds, "LegacyKeyValueFormat")
		if len(got) != 1 {
			t.Fatalf("%q: %v", tt.in, ds)
		}
		if tt.out == "" {
			if len(got[0].Fixes) != 0 {
				t.Errorf("%q: unexpected fix %v", tt.in, got[0].Fixes)
			}
			continue
		}
		if len(got[0].Fixes) != 1 {
			t.Fatalf("%q: no fix", tt.in)
		}
		fixed := applyEdits(text, got[0].Fixes[0].Edits)
		if want := "FROM alpine\n" + tt.out + "\n"; fixed != want {
			t.Errorf("%q: fixed to %q, want %q", tt.in, fixed, want)
		}
		if before, after := envPairs(t, text), envPairs(t, fixed); before != after {
			t.Errorf("%q: meaning changed: %s → %s", tt.in, before, after)
		}
		f2, ds2 := lintText(t, fixed)
		if left, _ := find(f2, ds2, "LegacyKeyValueFormat"); len(left) != 0 {
			t.Errorf("%q: still reported after the fix", tt.in)
		}
	}
}

func applyEdits(text string, edits []analysis.Edit) string {
	sort.Slice(edits, func(i, j int) bool { return edits[i].Range.Start > edits[j].Range.Start })
	for _, e := range edits {
		text = text[:e.Range.Start] + e.NewText + text[e.Range.End:]
	}
	return text
}

// envPairs is what BuildKit reads from the file's ENV or LABEL, after the
// word expansion it applies when it dispatches them.
func envPairs(t *testing.T, text string) string {
	t.Helper()
	lex := shell.NewLex('\\')
	env := shell.EnvsFromSlice([]string{"HOME=/root"})
	expand := func(s string) string {
		v, _, err := lex.ProcessWord(s, env)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	res, err := parser.Parse(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	stages, _, err := instructions.Parse(res.AST, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range stages[0].Commands {
		switch c := c.(type) {
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				out = append(out, kv.Key+"="+expand(kv.Value))
			}
		case *instructions.LabelCommand:
			for _, kv := range c.Labels {
				out = append(out, kv.Key+"="+expand(kv.Value))
			}
		}
	}
	return strings.Join(out, "\x00")
}

// TestNeverBlocks: a run that cannot start (every slot busy) or does not
// finish in time returns ErrTimeout at the deadline; the caller's
// cancellation is honoured; a panic inside BuildKit is an error, not a crash.
func TestNeverBlocks(t *testing.T) {
	f := syntax.Parse("FROM alpine\nRUN echo never-blocks\n")
	for i := 0; i < cap(slots); i++ {
		slots <- struct{}{}
	}
	start := time.Now()
	_, err := Lint(context.Background(), f, Options{Timeout: 50 * time.Millisecond})
	for i := 0; i < cap(slots); i++ {
		<-slots
	}
	if !errors.Is(err, ErrTimeout) || time.Since(start) > time.Second {
		t.Errorf("busy: err %v after %v", err, time.Since(start))
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Lint(ctx, syntax.Parse("FROM alpine\nRUN echo cancelled\n"), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}

	release := make(chan struct{})
	defer close(release)
	var hook lintFunc = func(ctx context.Context, dt []byte, opt dockerfile2llb.ConvertOpt) (*lint.LintResults, error) {
		if strings.Contains(string(dt), "slow") {
			<-release
		}
		panic("boom")
	}
	lintHook.Store(&hook)
	defer lintHook.Store(nil)
	start = time.Now()
	if _, err := Lint(context.Background(), syntax.Parse("FROM alpine\nRUN slow\n"), Options{Timeout: 50 * time.Millisecond}); !errors.Is(err, ErrTimeout) || time.Since(start) > time.Second {
		t.Errorf("slow: %v after %v", err, time.Since(start))
	}
	if ds, err := Lint(context.Background(), syntax.Parse("FROM alpine\nRUN panics\n"), Options{}); err == nil || !strings.Contains(err.Error(), "panic") || len(ds) != 1 || ds[0].Rule != RuleBuildKitIncomplete {
		t.Errorf("panic: %v %v", ds, err)
	}
}

func TestCache(t *testing.T) {
	f := syntax.Parse("FROM alpine as cached\n")
	first, _ := Lint(context.Background(), f, Options{})
	var hook lintFunc = func(context.Context, []byte, dockerfile2llb.ConvertOpt) (*lint.LintResults, error) {
		return nil, fmt.Errorf("not cached")
	}
	lintHook.Store(&hook)
	defer lintHook.Store(nil)
	second, err := Lint(context.Background(), f, Options{})
	if err != nil || len(second) != len(first) || len(first) != 1 {
		t.Errorf("cache: %v %v %v", first, second, err)
	}
}

func TestRules(t *testing.T) {
	for _, r := range Rules {
		if r.Name == "" || r.Description == "" && analysis.DocOf(r.Name) == "" {
			t.Errorf("incomplete rule %+v", r)
		}
		if r.URL == "" && r.Name != "InvalidBaseImagePlatform" { // no page for it
			t.Errorf("%s has no URL", r.Name)
		}
	}
	if _, ok := RuleByName("UndefinedVar"); !ok {
		t.Error("UndefinedVar missing")
	}
}

// TestUndefinedVarBase: UndefinedVar stays only where the stage's base image
// is known not to define the variable.
func TestUndefinedVarBase(t *testing.T) {
	tests := []struct {
		name, text string
		args       map[string]string
		want       int // UndefinedVar findings
	}{
		{"known base, typo", "FROM golang:1.24\nENV P=$GOPAHT\n", nil, 1},
		{"known base, its variable", "FROM golang:1.24\nENV P=$GOPATH\n", nil, 0},
		{"jupyter", "FROM jupyter/base-notebook\nUSER $NB_UID\nENV D=$CONDA_DIR\n", nil, 0},
		{"quay.io jupyter", "FROM quay.io/jupyter/datascience-notebook:latest\nENV J=$JULIA_DEPOT_PATH D=$CONDA_DIR\n", nil, 0},
		{"cuda", "FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nENV LD_LIBRARY_PATH=/x:$LD_LIBRARY_PATH\n", nil, 0},
		{"pytorch", "FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime\nENV V=$PYTORCH_VERSION C=$CUDA_VERSION\n", nil, 0},
		{"unknown base", "FROM ghcr.io/acme/base\nENV X=$FROM_BASE\n", nil, 0},
		{"argument-selected base", "ARG BASE=alpine\nFROM $BASE\nENV X=$FROM_BASE\n", nil, 0},
		{"argument-selected base, given", "ARG BASE=ghcr.io/acme/base\nFROM $BASE\nENV X=$FROM_BASE\n", map[string]string{"BASE": "alpine:3.20"}, 1},
		{"argument-selected base, given a known image", "ARG BASE\nFROM $BASE\nUSER $NB_UID\n", map[string]string{"BASE": "jupyter/minimal-notebook"}, 0},
		{"argument in the tag only", "ARG V=3.20\nFROM alpine:${V}\nENV X=$FROM_BASE\n", nil, 1},
		{"argument with a default form", "ARG V\nFROM alpine:${V:-3.20}\nENV X=$FROM_BASE\n", nil, 1},
		{"registry argument", "ARG REGISTRY=docker.io\nFROM ${REGISTRY}/library/alpine:3.20\nENV X=$FROM_BASE\n", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := syntax.Parse(tt.text)
			ds, err := Lint(context.Background(), f, Options{BuildArgs: tt.args})
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := find(f, ds, "UndefinedVar"); len(got) != tt.want {
				t.Errorf("got %v, want %d UndefinedVar", ds, tt.want)
			}
		})
	}
}

func TestRepoPart(t *testing.T) {
	for ref, want := range map[string]string{
		"alpine":                        "alpine",
		"alpine:${V:-3.20}":             "alpine",
		"${REGISTRY}/app:${TAG}":        "${REGISTRY}/app",
		"localhost:5000/app:1":          "localhost:5000/app",
		"${BASE}":                       "${BASE}",
		"$BASE":                         "$BASE",
		"golang@sha256:abc":             "golang",
		"${R:-docker.io}/library/x:1.0": "${R:-docker.io}/library/x",
	} {
		if got := repoPart(ref); got != want {
			t.Errorf("repoPart(%q) = %q, want %q", ref, got, want)
		}
	}
}

// TestJSONArgsExec: a shell-form command that execs its program delivers
// signals to it; the JSON form is recommended only otherwise.
func TestJSONArgsExec(t *testing.T) {
	for text, want := range map[string]int{
		"FROM alpine\nCMD exec my-app --flag\n":                       0,
		"FROM alpine\nENTRYPOINT   exec my-app \"$@\"\n":              0,
		"FROM alpine\nCMD \\\n  exec my-app\n":                        0,
		"FROM alpine\nCMD my-app --flag\n":                            1,
		"FROM alpine\nCMD executor --flag\n":                          1,
		"FROM alpine\nCMD cd /app && exec my-app\n":                   1,
		"FROM alpine\nENTRYPOINT exec my-app\nCMD ./run.sh --serve\n": 1,
	} {
		f, ds := lintText(t, text)
		if got, _ := find(f, ds, "JSONArgsRecommended"); len(got) != want {
			t.Errorf("%q: got %v, want %d JSONArgsRecommended", text, got, want)
		}
	}
}

// TestCheckBuildArg: BUILDKIT_DOCKERFILE_CHECK replaces the directive in
// BuildKit itself, as in a build; an invalid value is an error, and the
// directive then applies.
func TestCheckBuildArg(t *testing.T) {
	const text = "# check=skip=FromAsCasing\nFROM alpine as build\nENV A b\n"
	f := syntax.Parse(text)
	rules := func(arg string) map[string]analysis.Severity {
		ds, err := Lint(context.Background(), f, Options{BuildArgs: map[string]string{CheckBuildArg: arg}})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]analysis.Severity{}
		for _, d := range ds {
			got[d.Rule] = d.Severity
		}
		return got
	}
	if got := rules("skip=LegacyKeyValueFormat"); len(got) != 1 || got["FromAsCasing"] != analysis.Warning {
		t.Errorf("skip=LegacyKeyValueFormat: %v", got)
	}
	if got := rules("skip=all"); len(got) != 0 {
		t.Errorf("skip=all: %v", got)
	}
	if got := rules("error=true"); len(got) != 2 || got["FromAsCasing"] != analysis.Error || got["LegacyKeyValueFormat"] != analysis.Error {
		t.Errorf("error=true: %v", got)
	}
	got := rules("skip=all;frobnicate=1")
	if len(got) != 2 || got[RuleBuildKitError] != analysis.Error || got["LegacyKeyValueFormat"] != analysis.Warning {
		t.Errorf("invalid value: %v", got)
	}
	ds, _ := Lint(context.Background(), f, Options{BuildArgs: map[string]string{CheckBuildArg: "nonsense"}})
	if errs, texts := find(f, ds, RuleBuildKitError); len(errs) != 1 || texts[0] != "# check=skip=FromAsCasing" || !strings.Contains(errs[0].Message, CheckBuildArg) {
		t.Errorf("error on %q: %v", texts, errs)
	}
}
