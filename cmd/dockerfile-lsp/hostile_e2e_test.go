package main

// The built binary in a hostile folder: FIFOs, symlinks to /dev/zero and out
// of the folder, a Compose file that reads /dev/zero and /etc/passwd. Every
// command must finish promptly with bounded memory; the tests kill the
// process and fail rather than hang or let it grow.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/uri"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile/wsfiletest"
	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

const (
	// rssCap is the resident size at which a process is killed: the
	// readers cap files at 16 MiB, /dev/zero read whole passes it at once.
	rssCap = 512 << 20
	// commandTimeout is how long a command may take before it is killed.
	commandTimeout = 60 * time.Second
)

const hostileDockerfile = "FROM alpine:3.20 AS build\nRUN true\n\nFROM alpine:3.20 AS test\nRUN true\n\nFROM build\n"

// hostileFolder is a project whose docker-bake.hcl builds the test stage,
// surrounded by traps.
func hostileFolder(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "project")
	for name, text := range map[string]string{
		"project/Dockerfile":      hostileDockerfile,
		"project/docker-bake.hcl": "target \"t\" {\n  target = \"test\"\n}\n",
		"project/compose.yaml": "services:\n  zero:\n    build:\n      dockerfile: /dev/zero\n      target: x\n" +
			"  etc:\n    build:\n      context: " + strings.Repeat("../", 40) + "etc\n      dockerfile: passwd\n      target: root\n",
		"outside/Makefile":   "all:\n\tdocker build --target build ../project\n",
		"outside/Dockerfile": "FROM scratch\nCOPY x /x\n",
		"outside/x":          "the file outside/Dockerfile copies\n",
	} {
		p := filepath.Join(base, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wsfiletest.Symlink(t, "/dev/zero", filepath.Join(dir, "docker-bake.override.hcl"))
	wsfiletest.Symlink(t, "/dev/zero", filepath.Join(dir, "Dockerfile.zero"))
	wsfiletest.Symlink(t, filepath.Join(base, "outside"), filepath.Join(dir, "linked"))
	wsfiletest.Fifo(t, filepath.Join(dir, ".gitignore"))
	wsfiletest.Fifo(t, filepath.Join(dir, "Dockerfile.fifo"))
	wsfiletest.Fifo(t, filepath.Join(dir, "Makefile"))
	wsfiletest.Fifo(t, filepath.Join(dir, "fifodir", "Dockerfile"))
	wsfiletest.Fifo(t, filepath.Join(dir, "fifodir", ".gitignore"))
	return dir
}

// watchRSS kills the process when its resident size passes rssCap, as
// /proc tells (where there is no /proc, only the timeouts guard). It
// returns the peak seen and whether it killed the process; stop ends the
// watch.
func watchRSS(p *os.Process) (peak func() (int64, bool), stop func()) {
	var max atomic.Int64
	var killed atomic.Bool
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				rss, ok := residentSize(p.Pid)
				if !ok {
					continue
				}
				if rss > max.Load() {
					max.Store(rss)
				}
				if rss > rssCap {
					killed.Store(true)
					p.Kill()
					return
				}
			}
		}
	}()
	return func() (int64, bool) { return max.Load(), killed.Load() }, func() { close(done) }
}

// residentSize reads VmRSS from /proc/PID/status.
func residentSize(pid int) (int64, bool) {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

// runBounded runs the binary in dir and fails the test when it outlives
// commandTimeout or passes rssCap (the process is killed; its status is
// then -1).
func runBounded(t *testing.T, dir string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	peak, stop := watchRSS(cmd.Process)
	timer := time.AfterFunc(commandTimeout, func() { cmd.Process.Kill() })
	start := time.Now()
	cmd.Wait()
	took := time.Since(start)
	timer.Stop()
	stop()
	rss, killed := peak()
	switch {
	case killed:
		t.Errorf("%v: killed at %d MiB resident", args, rss>>20)
	case took >= commandTimeout:
		t.Errorf("%v: killed after %s", args, commandTimeout)
	}
	t.Logf("%v: %s, peak resident %d MiB", args, took.Round(time.Millisecond), rss>>20)
	return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
}

func TestE2EHostileCommandLine(t *testing.T) {
	dir := hostileFolder(t)
	for _, tc := range []struct {
		args   []string
		status int
		stdout []string // each must be in stdout
		stderr []string // each must be in stderr
		absent []string // none may be in stdout or stderr
	}{
		// The default --workspace . scans the folder: the Bake file next to
		// the /dev/zero override builds test, so only the unnamed trap
		// files fail.
		{args: []string{"check", "--fail-level", "error", "."}, status: 2,
			stderr: []string{"Dockerfile.zero: error: cannot read: outside the workspace"},
			absent: []string{`stage "test"`, "Dockerfile.fifo", "fifodir"}},
		{args: []string{"check", "--fail-level", "error", "Dockerfile"}, absent: []string{`stage "test"`, "error"}},
		{args: []string{"check", "--workspace", "", "--fail-level", "error", "Dockerfile"}, stdout: []string{`stage "test"`}},
		// Files the user names may be anywhere, but only regular files.
		{args: []string{"check", "Dockerfile.zero"}, status: 2, stderr: []string{"Dockerfile.zero: error: cannot read: not a regular file"}},
		{args: []string{"check", "Dockerfile.fifo"}, status: 2, stderr: []string{"Dockerfile.fifo: error: cannot read: not a regular file"}},
		{args: []string{"check", "--fail-level", "error", "../outside/Dockerfile"}, absent: []string{"error"}},
		{args: []string{"targets", "Dockerfile.zero"}, status: 2, stderr: []string{"not a regular file"}},
		{args: []string{"targets", "Dockerfile.fifo"}, status: 2, stderr: []string{"not a regular file"}},
		{args: []string{"targets", "fifodir"}, status: 2, stderr: []string{"not a regular file"}},
		{args: []string{"targets", "."}, stdout: []string{"build\ntest\n"}},
		{args: []string{"fix", "Dockerfile.fifo"}, status: 2, stderr: []string{"not a regular file"}},
		{args: []string{"fix", "Dockerfile.zero"}, status: 2, stderr: []string{"not a regular file"}},
	} {
		stdout, stderr, status := runBounded(t, dir, tc.args...)
		if status != tc.status {
			t.Errorf("%v: status %d, want %d\nstdout:\n%s\nstderr:\n%s", tc.args, status, tc.status, stdout, stderr)
		}
		for _, w := range tc.stdout {
			if !strings.Contains(stdout, w) {
				t.Errorf("%v: stdout lacks %q:\n%s", tc.args, w, stdout)
			}
		}
		for _, w := range tc.stderr {
			if !strings.Contains(stderr, w) {
				t.Errorf("%v: stderr lacks %q:\n%s", tc.args, w, stderr)
			}
		}
		for _, a := range tc.absent {
			if strings.Contains(stdout+stderr, a) {
				t.Errorf("%v: output has %q:\nstdout:\n%s\nstderr:\n%s", tc.args, a, stdout, stderr)
			}
		}
	}
}

// The server opened on the folder indexes it, answers, and exits at the end
// of its input.
func TestE2EHostileWorkspace(t *testing.T) {
	dir := hostileFolder(t)
	p := start(t)
	peak, stop := watchRSS(p.cmd.Process)
	defer stop()
	ctx := ctxFor(t)
	var res map[string]any
	if err := p.Call(ctx, "initialize", map[string]any{
		"processId": os.Getpid(), "rootUri": string(uri.File(dir)), "capabilities": json.RawMessage(clientCaps),
	}, &res); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	p.Notify("initialized", map[string]any{})
	df := string(uri.File(filepath.Join(dir, "Dockerfile")))
	p.open(t, df, hostileDockerfile)
	// Once the index has read the Bake file, test is no longer unused.
	if _, err := p.NextDiagnostics(ctx, df, func(d *lsptest.Diagnostics) bool {
		return !strings.Contains(string(d.Raw), `stage \"test\"`)
	}); err != nil {
		rss, killed := peak()
		t.Fatalf("no diagnostics with the workspace's targets: %v (peak %d MiB, killed %v)", err, rss>>20, killed)
	}
	var stages []map[string]any
	if err := p.Call(ctx, "workspace/executeCommand", map[string]any{"command": "dockerfile-lsp.targets", "arguments": []any{df}}, &stages); err != nil || len(stages) != 3 {
		t.Errorf("targets: %v %v", err, stages)
	}
	p.stdin.Close()
	if status := p.wait(t); status != 0 {
		t.Errorf("status %d at the end of input", status)
	}
	rss, killed := peak()
	if killed {
		t.Fatalf("killed at %d MiB resident", rss>>20)
	}
	t.Logf("peak resident %d MiB", rss>>20)
}
