package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/filekind"
	"github.com/dockerfile-lsp/dockerfile-lsp/internal/testenv"
)

// The pre-commit hooks and the GitHub Action of the repository root run
// check; these tests run them as their frameworks do.

const repoRoot = "../.."

type preCommitHook struct {
	ID       string   `yaml:"id"`
	Language string   `yaml:"language"`
	Entry    string   `yaml:"entry"`
	Files    string   `yaml:"files"`
	Types    []string `yaml:"types"`
}

func readHooks(t *testing.T) map[string]preCommitHook {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []preCommitHook
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	byID := map[string]preCommitHook{}
	for _, h := range hooks {
		byID[h.ID] = h
	}
	return byID
}

// The hooks run check on exactly the files check itself takes for
// Dockerfiles when given a folder.
func TestPreCommitManifest(t *testing.T) {
	hooks := readHooks(t)
	for id, lang := range map[string]string{"dockerfile-lsp": "golang", "dockerfile-lsp-system": "system"} {
		h, ok := hooks[id]
		if !ok {
			t.Fatalf("no hook %q", id)
		}
		if h.Language != lang || h.Entry != "dockerfile-lsp check" {
			t.Errorf("%s: language %q entry %q", id, h.Language, h.Entry)
		}
		files := regexp.MustCompile(h.Files)
		for _, name := range []string{"Dockerfile", "svc/Dockerfile", "Dockerfile.dev", "app.dockerfile", "Containerfile", "Containerfile.ci", "Containerfile-arm", "dockerfile.prod", "README.md", "dockerfiles/main.go", "Dockerfile-notes.txt", "docs/Dockerfile.md"} {
			// check's own rule for folder walks (a Dockerfile.md is one for both).
			if got, want := files.MatchString(name), filekind.ByName(name) == filekind.Dockerfile; got != want {
				t.Errorf("%s: files matches %q: %v, check takes it: %v", id, name, got, want)
			}
		}
	}
}

// TestPreCommitTryRepo runs both hooks with pre-commit try-repo on a small
// repository: a Dockerfile with a finding fails the hook, a clean one passes.
func TestPreCommitTryRepo(t *testing.T) {
	precommit, err := exec.LookPath("pre-commit")
	if err != nil {
		testenv.Missing(t, "pre-commit is not installed (editors/ci-install.sh installs it)")
	}
	_, env := cliBin(t)
	repo := t.TempDir()
	files := map[string]string{
		"Dockerfile":          "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=biuld /app /app\n",
		"clean/Containerfile": "FROM alpine:3.20\nUSER nobody\n",
		"README.md":           "not a Dockerfile\n",
		"svc/api.dockerfile":  "FROM alpine:3.20\nUSER nobody\n",
	}
	for name, text := range files {
		p := filepath.Join(repo, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@localhost"}, args...)...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "fixture")
	root, _ := filepath.Abs(repoRoot)
	gomodcache, _ := exec.Command("go", "env", "GOMODCACHE").Output()
	env = append(env,
		"PRE_COMMIT_HOME="+t.TempDir(),
		// The golang hook builds the module in its own GOPATH: give it the
		// module cache, so that it needs no network.
		"GOMODCACHE="+strings.TrimSpace(string(gomodcache)), "GOPROXY=off", "GOFLAGS=-mod=mod",
		"CGO_ENABLED=0",
	)
	hooks := []string{"dockerfile-lsp-system", "dockerfile-lsp"}
	if testing.Short() {
		hooks = hooks[:1] // the golang hook compiles the module
	}
	for _, hook := range hooks {
		for _, tc := range []struct {
			files []string
			fail  bool
			want  string
		}{
			{files: []string{"Dockerfile", "README.md"}, fail: true, want: `no stage is named "biuld"`},
			{files: []string{"clean/Containerfile", "svc/api.dockerfile", "README.md"}, want: "Passed"},
			{files: []string{"README.md"}, want: "(no files to check)"},
		} {
			args := append([]string{"try-repo", root, hook, "--verbose", "--files"}, tc.files...)
			cmd := exec.Command(precommit, args...)
			cmd.Dir, cmd.Env = repo, env
			out, err := cmd.CombinedOutput()
			if failed := err != nil; failed != tc.fail {
				t.Errorf("%s on %v: failed %v, want %v\n%s", hook, tc.files, failed, tc.fail, out)
				continue
			}
			if !strings.Contains(string(out), tc.want) {
				t.Errorf("%s on %v: output lacks %q:\n%s", hook, tc.files, tc.want, out)
			}
		}
	}
}

type action struct {
	Name   string `yaml:"name"`
	Inputs map[string]struct {
		Description string  `yaml:"description"`
		Default     *string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name  string            `yaml:"name"`
			ID    string            `yaml:"id"`
			Shell string            `yaml:"shell"`
			Run   string            `yaml:"run"`
			Uses  string            `yaml:"uses"`
			With  map[string]string `yaml:"with"`
			Env   map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

// TestAction checks the composite action's manifest and runs its check step
// the way the runner does: bash, the step's env with the inputs' defaults,
// GITHUB_OUTPUT a file.
func TestAction(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" || a.Name == "" {
		t.Fatalf("runs.using %q, name %q", a.Runs.Using, a.Name)
	}
	defaults := map[string]string{}
	for name, in := range a.Inputs {
		if in.Description == "" || in.Default == nil {
			t.Errorf("input %s: needs a description and a default", name)
			continue
		}
		defaults[name] = *in.Default
	}
	for _, name := range []string{"version", "paths", "fail-level", "target", "sarif-file", "upload"} {
		if _, ok := defaults[name]; !ok {
			t.Errorf("no input %q", name)
		}
	}
	var download, check string
	var checkEnv map[string]string
	uploads := false
	for _, s := range a.Runs.Steps {
		if s.Run != "" && s.Shell != "bash" {
			t.Errorf("step %q: shell %q, composite run steps need one (bash)", s.Name, s.Shell)
		}
		switch {
		case strings.Contains(s.Run, "gh release download"):
			download = s.Run
		case s.ID == "check":
			check, checkEnv = s.Run, s.Env
		case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
			uploads = s.With["sarif_file"] == "${{ inputs.sarif-file }}"
		}
	}
	if download == "" || check == "" || !uploads {
		t.Fatalf("steps: download %v, check %v, SARIF upload %v", download != "", check != "", uploads)
	}
	// The download asks for the archive names make release writes.
	asset := regexp.MustCompile(`--pattern "([^"]+)"`).FindStringSubmatch(download)
	if asset == nil {
		t.Fatal("download step: no --pattern for the archive")
	}
	for _, p := range []struct{ os, arch, ext string }{{"linux", "amd64", "tar.gz"}, {"darwin", "arm64", "tar.gz"}, {"windows", "amd64", "zip"}} {
		glob := strings.NewReplacer("${os}", p.os, "${arch}", p.arch, "${ext}", p.ext).Replace(asset[1])
		name := "dockerfile-lsp_v1.2.3_" + p.os + "_" + p.arch + "." + p.ext
		if ok, _ := path.Match(glob, name); !ok {
			t.Errorf("download pattern %q does not match the release archive %s", glob, name)
		}
	}

	_, env := cliBin(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=biuld /app /app\nUSER nobody\n"), 0o644)
	for _, tc := range []struct {
		paths, failLevel string
		stepFails        bool
		status           string
	}{
		{paths: "Dockerfile", failLevel: defaults["fail-level"], status: "1"},
		{paths: "Dockerfile", failLevel: "error", status: "0"},
		{paths: "missing.Dockerfile", failLevel: "error", stepFails: true, status: "2"},
	} {
		out := filepath.Join(t.TempDir(), "output")
		stepEnv := append([]string{}, env...)
		inputs := map[string]string{"inputs.paths": tc.paths, "inputs.fail-level": tc.failLevel, "inputs.target": defaults["target"], "inputs.sarif-file": defaults["sarif-file"]}
		for k, v := range checkEnv {
			expr := strings.TrimSuffix(strings.TrimPrefix(v, "${{ "), " }}")
			stepEnv = append(stepEnv, k+"="+inputs[expr])
		}
		stepEnv = append(stepEnv, "GITHUB_OUTPUT="+out)
		cmd := exec.Command("bash", "-e", "-c", check)
		cmd.Dir, cmd.Env = dir, stepEnv
		stdout, err := cmd.Output()
		if failed := err != nil; failed != tc.stepFails {
			t.Errorf("%s at %s: step failed %v, want %v (%v)", tc.paths, tc.failLevel, failed, tc.stepFails, err)
		}
		written, _ := os.ReadFile(out)
		if !strings.Contains(string(written), "status="+tc.status+"\n") {
			t.Errorf("%s at %s: GITHUB_OUTPUT %q, want status=%s", tc.paths, tc.failLevel, written, tc.status)
		}
		if tc.stepFails {
			continue
		}
		var log sarifLog
		sarif, _ := os.ReadFile(filepath.Join(dir, defaults["sarif-file"]))
		if err := json.Unmarshal(sarif, &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
			t.Errorf("%s: SARIF file: %v, %.200s", tc.paths, err, sarif)
		}
		if !strings.Contains(string(stdout), "::warning file=Dockerfile,line=3,") {
			t.Errorf("%s: no annotation for the finding:\n%s", tc.paths, stdout)
		}
	}
}
