package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The installers that download a release (the GitHub Action's download
// step, the JetBrains installer) are run here against archives this command
// builds, served by stand-ins for gh and curl: what they ask for is what a
// release holds, they verify and unpack it, and the binary they leave runs.
// Only the network is pretended.

const testVersion = "v0.0.0-installtest"

// TestInstallers builds the release files of this machine's platform once
// and runs each installer against them.
func TestInstallers(t *testing.T) {
	dist := releaseDir(t)
	t.Run("action", func(t *testing.T) { testActionDownload(t, dist) })
	t.Run("jetbrains", func(t *testing.T) { testJetBrainsInstaller(t, dist) })
}

// releaseDir builds the release files of this machine's platform, from the
// repository root, which stays the working folder.
func releaseDir(t *testing.T) string {
	t.Helper()
	if runtime.GOOS != "linux" || (runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64") {
		t.Skipf("the installers are run on linux/amd64 and linux/arm64, not %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	if testing.Short() {
		t.Skip("builds a release binary")
	}
	t.Chdir(filepath.Join("..", ".."))
	out := t.TempDir()
	if err := release(testVersion, true, out, []string{"linux/" + runtime.GOARCH}); err != nil {
		t.Fatal(err)
	}
	return out
}

// fakeBin writes a program named name into a fresh folder and returns the
// PATH that finds it first.
func fakeBin(t *testing.T, name, script string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir + string(os.PathListSeparator) + os.Getenv("PATH")
}

// checkVersion runs the installed binary.
func checkVersion(t *testing.T, bin string) {
	t.Helper()
	out, err := exec.Command(bin, "--version").Output()
	if err != nil || strings.TrimSpace(string(out)) != "dockerfile-lsp "+testVersion {
		t.Errorf("%s --version: %q, %v", bin, out, err)
	}
}

// ghStandIn answers `gh release download [TAG] --repo R --clobber --pattern
// P...` by copying the matching files of $FAKE_RELEASE.
const ghStandIn = `#!/bin/bash
set -euo pipefail
[ "$1 $2" = "release download" ] || { echo "gh stand-in: unexpected $*" >&2; exit 3; }
shift 2
patterns=()
while [ $# -gt 0 ]; do
  case $1 in
    --repo) shift 2 ;;
    --clobber) shift ;;
    --pattern) patterns+=("$2"); shift 2 ;;
    -*) echo "gh stand-in: unknown flag $1" >&2; exit 3 ;;
    *) shift ;;
  esac
done
for p in "${patterns[@]}"; do
  for f in "$FAKE_RELEASE"/$p; do [ -f "$f" ] && cp "$f" .; done
done
`

func testActionDownload(t *testing.T, dist string) {
	data, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Runs struct {
			Steps []struct{ Run string } `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	download := ""
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "gh release download") {
			download = s.Run
		}
	}
	if download == "" {
		t.Fatal("action.yml: no download step")
	}
	arch := map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH]
	for _, version := range []string{"latest", testVersion} {
		temp, githubPath := t.TempDir(), filepath.Join(t.TempDir(), "path")
		cmd := exec.Command("bash", "-e", "-c", download)
		cmd.Env = append(os.Environ(), "PATH="+fakeBin(t, "gh", ghStandIn), "FAKE_RELEASE="+dist, "GH_TOKEN=x",
			"VERSION="+version, "RUNNER_OS=Linux", "RUNNER_ARCH="+arch, "RUNNER_TEMP="+temp, "GITHUB_PATH="+githubPath)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("version %s: download step: %v\n%s", version, err, out)
		}
		added, err := os.ReadFile(githubPath)
		if err != nil {
			t.Fatalf("version %s: nothing added to GITHUB_PATH: %v", version, err)
		}
		checkVersion(t, filepath.Join(strings.TrimSpace(string(added)), "dockerfile-lsp"))
	}
}

// curlStandIn answers the JetBrains installer's two requests: the latest
// release's tag, then an archive of $FAKE_RELEASE.
const curlStandIn = `#!/bin/bash
set -euo pipefail
url=${!#}
case $url in
  https://api.github.com/repos/dockerfile-lsp/dockerfile-lsp/releases/latest)
    printf '{\n  "url": "x",\n  "tag_name": "%s",\n  "name": "%s"\n}\n' "$FAKE_TAG" "$FAKE_TAG" ;;
  https://github.com/dockerfile-lsp/dockerfile-lsp/releases/download/"$FAKE_TAG"/*)
    cat "$FAKE_RELEASE/${url##*/}" ;;
  *) echo "curl stand-in: unexpected $url" >&2; exit 22 ;;
esac
`

func testJetBrainsInstaller(t *testing.T, dist string) {
	data, err := os.ReadFile(filepath.Join("editors", "jetbrains", "template", "installer.json"))
	if err != nil {
		t.Fatal(err)
	}
	var inst struct {
		Run struct {
			Exec struct {
				Command map[string]string `json:"command"`
			} `json:"exec"`
		} `json:"run"`
	}
	if err := json.Unmarshal(data, &inst); err != nil {
		t.Fatal(err)
	}
	command := inst.Run.Exec.Command["default"]
	if !strings.HasPrefix(command, "sh -c '") || !strings.HasSuffix(command, "'") {
		t.Fatalf("installer.json: the default command is not `sh -c '…'`: %.80s", command)
	}
	home := t.TempDir()
	// LSP4IJ runs the command line itself; sh -c with the quoted script is
	// what a shell makes of it.
	cmd := exec.Command("sh", "-c", command)
	cmd.Env = append(os.Environ(), "PATH="+fakeBin(t, "curl", curlStandIn), "FAKE_RELEASE="+dist, "FAKE_TAG="+testVersion, "HOME="+home)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("installer: %v\n%s", err, out)
	}
	checkVersion(t, filepath.Join(home, ".local", "bin", "dockerfile-lsp"))
}
