package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/internal/testenv"
)

// selfEnv makes the test binary act as `dockerfile-lsp targets|completion`,
// so that the completion scripts can be tested before, or without, the
// command's dispatch of these subcommands.
const selfEnv = "DOCKERFILE_LSP_TEST_AS_CLI"

func init() {
	if os.Getenv(selfEnv) != "1" || len(os.Args) < 2 {
		return
	}
	switch os.Args[1] {
	case "targets":
		os.Exit(runTargets(os.Args[2:], os.Stdout, os.Stderr))
	case "completion":
		os.Exit(runCompletion(os.Args[2:], os.Stdout, os.Stderr))
	}
	os.Exit(2)
}

// cliBin returns a folder holding a dockerfile-lsp that implements targets
// and completion: the binary TestMain built when it dispatches them, else
// this test binary, and the environment to run it with.
func cliBin(t *testing.T) (dir string, env []string) {
	t.Helper()
	dir = t.TempDir()
	target := binary
	env = append(os.Environ(), "DOCKERFILE_LSP=")
	if out, err := exec.Command(binary, "targets", "--help").CombinedOutput(); err != nil || !strings.Contains(string(out), "usage: dockerfile-lsp targets") {
		t.Logf("the built command does not dispatch targets yet; testing through the test binary")
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		target = self
		env = append(env, selfEnv+"=1")
	}
	if err := os.Symlink(target, filepath.Join(dir, "dockerfile-lsp")); err != nil {
		t.Fatal(err)
	}
	env = append(env, "PATH="+dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return dir, env
}

func workspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"Dockerfile":            "FROM golang:1.22 AS build\nRUN true\nFROM build AS test\nFROM alpine\n",
		"other/Dockerfile.x":    "FROM alpine AS one\nFROM one AS two\n",
		"ctx/Dockerfile":        "FROM alpine AS fromcontext\n",
		"with space/Dockerfile": "FROM alpine AS spaced\n",
	} {
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

// TestBashCompletion sources the script in a real bash and calls the
// completion function with COMP_WORDS as bash splits a command line (it
// makes "=" a word of its own).
func TestBashCompletion(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		testenv.Missing(t, "bash is not installed (editors/ci-install.sh installs it)")
	}
	_, env := cliBin(t)
	dir := workspace(t)
	for _, c := range []struct {
		name  string
		pre   string // shell run before the script is sourced
		words string // a bash array literal
		cword int
		want  string
	}{
		{"nothing typed", "", `docker build --target ""`, 3, "build test"},
		{"prefix", "", `docker build --target te`, 3, "test"},
		{"buildx", "", `docker buildx build --platform linux/amd64 --target ""`, 6, "build test"},
		{"buildx with builder", "", `docker buildx --builder ci build --target b`, 6, "build"},
		{"image build", "", `docker image build --target ""`, 4, "build test"},
		{"-f", "", `docker build -f other/Dockerfile.x --target ""`, 5, "one two"},
		{"--file=", "", `docker build --file = other/Dockerfile.x --target ""`, 6, "one two"},
		{"-f glued", "", `docker build -fother/Dockerfile.x --target t`, 4, "two"},
		{"-f after the cursor", "", `docker build --target "" -f other/Dockerfile.x .`, 3, "one two"},
		{"quoted -f", "", `docker build -f "'with space/Dockerfile'" --target ""`, 5, "spaced"},
		{"--target=", "", `docker build --target =`, 3, "build test"},
		{"--target=prefix", "", `docker build --target = t`, 4, "test"},
		{"context", "", `docker build -t x:y --target "" ctx`, 5, "fromcontext"},
		{"no Dockerfile", "cd other", `docker build --target ""`, 3, ""},
		{"not a build", "", `docker run --target ""`, 3, ""},
		{"compose is not a build", "", `docker compose build --target ""`, 4, ""},
		{"docker's own completion elsewhere", "_fake() { COMPREPLY=(from-docker); }; complete -F _fake docker", `docker ps ""`, 2, "from-docker"},
		{"ours at --target", "_fake() { COMPREPLY=(from-docker); }; complete -F _fake docker", `docker build --target ""`, 3, "build test"},
		{"loaded on demand", "__load_completion() { _fake() { COMPREPLY=(loaded); }; complete -F _fake docker; }", `docker ps ""`, 2, "loaded"},
	} {
		t.Run(c.name, func(t *testing.T) {
			script := c.pre + `
source <(dockerfile-lsp completion bash) || exit 9
COMP_WORDS=(` + c.words + `)
COMP_CWORD=` + itoa(c.cword) + `
_dockerfile_lsp_docker docker "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
`
			cmd := exec.Command(bash, "--norc", "--noprofile", "-c", script)
			cmd.Dir, cmd.Env = dir, env
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("bash: %v\n%s", err, stderr.String())
			}
			if stderr.Len() > 0 {
				t.Errorf("stderr: %s", stderr.String())
			}
			if got := strings.Join(strings.Fields(stdout.String()), " "); got != c.want {
				t.Errorf("completions %q, want %q", got, c.want)
			}
		})
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// TestShellScriptsParse checks the zsh and fish scripts with their shells'
// syntax checkers, when those shells are installed.
func TestShellScriptsParse(t *testing.T) {
	for _, sh := range []struct{ shell, flag string }{{"bash", "-n"}, {"zsh", "-n"}, {"fish", "--no-execute"}} {
		t.Run(sh.shell, func(t *testing.T) {
			path, err := exec.LookPath(sh.shell)
			if err != nil {
				testenv.Missing(t, "%s is not installed (editors/ci-install.sh installs it)", sh.shell)
			}
			var script bytes.Buffer
			if code := runCompletion([]string{sh.shell}, &script, &script); code != 0 {
				t.Fatalf("exit %d: %s", code, script.String())
			}
			cmd := exec.Command(path, sh.flag)
			cmd.Stdin = &script
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s %s: %v\n%s", sh.shell, sh.flag, err, out)
			}
		})
	}
}

func TestCompletionUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := runCompletion([]string{"tcsh"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), `unknown shell "tcsh"`) {
		t.Errorf("tcsh: %d %q", code, errOut.String())
	}
	if code := runCompletion(nil, &out, &errOut); code != 2 {
		t.Errorf("no shell: %d", code)
	}
	out.Reset()
	if code := runCompletion([]string{"--help"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "source <(dockerfile-lsp completion bash)") {
		t.Errorf("--help: %d %q", code, out.String())
	}
}

func TestTargetsCommand(t *testing.T) {
	dir := workspace(t)
	run := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := runTargets(args, &out, &errOut)
		return code, out.String(), errOut.String()
	}
	if code, out, _ := run(filepath.Join(dir, "Dockerfile")); code != 0 || out != "build\ntest\n" {
		t.Errorf("plain: %d %q", code, out)
	}
	if code, out, _ := run(filepath.Join(dir, "other")); code != 2 || out != "" {
		t.Errorf("a folder without a Dockerfile: %d %q", code, out)
	}
	if code, out, _ := run(filepath.Join(dir, "ctx")); code != 0 || out != "fromcontext\n" {
		t.Errorf("a folder: %d %q", code, out)
	}
	code, out, _ := run("--json", filepath.Join(dir, "Dockerfile"))
	var stages []map[string]any
	if err := json.Unmarshal([]byte(out), &stages); code != 0 || err != nil {
		t.Fatalf("--json: %d %v %q", code, err, out)
	}
	want := `[{"base":"golang:1.22","final":false,"index":0,"line":1,"name":"build"},{"base":"build","final":false,"index":1,"line":3,"name":"test"},{"base":"alpine","final":true,"index":2,"line":4,"name":""}]`
	if got, _ := json.Marshal(stages); string(got) != want {
		t.Errorf("--json:\n%s\nwant\n%s", got, want)
	}
	if code, _, errOut := run(filepath.Join(dir, "missing")); code != 2 || !strings.Contains(errOut, "missing") {
		t.Errorf("missing: %d %q", code, errOut)
	}
	if code, _, errOut := run("--yaml"); code != 2 || !strings.Contains(errOut, "unknown flag --yaml") {
		t.Errorf("bad flag: %d %q", code, errOut)
	}
	if code, _, _ := run("a", "b"); code != 2 {
		t.Errorf("two files: %d", code)
	}
	// The default is ./Dockerfile.
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	os.Chdir(dir)
	if code, out, _ := run(); code != 0 || out != "build\ntest\n" {
		t.Errorf("default: %d %q", code, out)
	}
}

// TestFishCompletion asks a real fish for its completions with complete -C.
func TestFishCompletion(t *testing.T) {
	fish, err := exec.LookPath("fish")
	if err != nil {
		testenv.Missing(t, "fish is not installed (editors/ci-install.sh installs it)")
	}
	_, env := cliBin(t)
	dir := workspace(t)
	for _, c := range []struct{ line, want string }{
		{"docker build --target ", "build test"},
		{"docker build --target=t", "--target=test"},
		{"docker buildx build -f other/Dockerfile.x --target ", "one two"},
		{"docker build --target '' ctx", ""},
		{"docker build --target ", "build test"},
	} {
		script := "dockerfile-lsp completion fish | source; complete -C " + shellQuote(c.line)
		cmd := exec.Command(fish, "--no-config", "-c", script)
		cmd.Dir, cmd.Env = dir, append(env, "HOME="+t.TempDir())
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", c.line, err, out)
		}
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if name, _, _ := strings.Cut(line, "\t"); name != "" {
				got = append(got, name)
			}
		}
		if c.want != "" && strings.Join(got, " ") != c.want {
			t.Errorf("%q: %q, want %q", c.line, got, c.want)
		}
	}
}

// TestZshCompletion runs the zsh functions in a real zsh with the
// completion system's builtins stubbed: compadd prints what it is given.
func TestZshCompletion(t *testing.T) {
	zsh, err := exec.LookPath("zsh")
	if err != nil {
		testenv.Missing(t, "zsh is not installed (editors/ci-install.sh installs it)")
	}
	_, env := cliBin(t)
	dir := workspace(t)
	for _, c := range []struct {
		words   string
		current int
		want    string
	}{
		{`docker build --target ''`, 4, "build test"},
		{`docker buildx build -f other/Dockerfile.x --target ''`, 7, "one two"},
		{`docker build --target=t`, 3, "build test"},
		{`docker build --target '' ctx`, 4, "fromcontext"},
		{`docker ps ''`, 3, "fallback"},
	} {
		script := `typeset -gA _comps; _comps[docker]=_fake; _fake() { print fallback }
compdef() { : }; compset() { : }; compadd() { shift 2; print -l -- "$@" }
source <(dockerfile-lsp completion zsh)
words=(` + c.words + `); CURRENT=` + itoa(c.current) + `
_dockerfile_lsp_docker`
		cmd := exec.Command(zsh, "-f", "-c", script)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", c.words, err, out)
		}
		if got := strings.Join(strings.Fields(string(out)), " "); got != c.want {
			t.Errorf("%s: %q, want %q", c.words, got, c.want)
		}
	}
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }
