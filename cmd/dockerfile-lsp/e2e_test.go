package main

// End-to-end tests: build the real binary and speak JSON-RPC to it over its
// stdin and stdout, as an editor does.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

var binary string // built once by TestMain

// binaryEnv names a server binary to run instead of building one, e.g. a
// build of another commit, to compare the end-to-end benchmarks of two
// versions on the same machine at the same time (the tests of the version
// stamp then fail: it is not e2e-test).
const binaryEnv = "DOCKERFILE_LSP_E2E_BINARY"

func TestMain(m *testing.M) {
	if b := os.Getenv(binaryEnv); b != "" {
		binary = b
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "dockerfile-lsp-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "dockerfile-lsp")
	build := exec.Command("go", "build", "-ldflags", "-X main.version=e2e-test", "-o", binary, ".")
	build.Stderr = os.Stderr
	build.Env = append(os.Environ(), "CGO_ENABLED=0") // as make build does
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building the server:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// proc is a running server with a client attached.
type proc struct {
	*lsptest.Client
	cmd    *exec.Cmd
	stdin  interface{ Close() error }
	stderr *syncBuffer
	exited chan struct{}
	status int
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func start(tb testing.TB, args ...string) *proc {
	tb.Helper()
	return startBinary(tb, binary, args...)
}

func startBinary(tb testing.TB, path string, args ...string) *proc {
	tb.Helper()
	cmd := exec.Command(path, args...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	p := &proc{cmd: cmd, stdin: stdin, stderr: &syncBuffer{}, exited: make(chan struct{})}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	p.Client = lsptest.New(stdout, stdin)
	go func() {
		cmd.Wait()
		p.status = cmd.ProcessState.ExitCode()
		close(p.exited)
	}()
	tb.Cleanup(func() {
		stdin.Close()
		select {
		case <-p.exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-p.exited
		}
		if tb.Failed() {
			tb.Logf("server stderr:\n%s", p.stderr)
		}
	})
	return p
}

// wait returns the exit status once the process ends.
func (p *proc) wait(tb testing.TB) int {
	tb.Helper()
	select {
	case <-p.exited:
		return p.status
	case <-time.After(10 * time.Second):
		tb.Fatal("the server did not exit")
		return -1
	}
}

func ctxFor(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	tb.Cleanup(cancel)
	return ctx
}

func (p *proc) initialize(tb testing.TB, capabilities string) map[string]any {
	tb.Helper()
	var res map[string]any
	err := p.Call(ctxFor(tb), "initialize", map[string]any{
		"processId": os.Getpid(), "rootUri": nil, "clientInfo": map[string]any{"name": "e2e"},
		"capabilities": json.RawMessage(capabilities),
	}, &res)
	if err != nil {
		tb.Fatalf("initialize: %v", err)
	}
	if err := p.Notify("initialized", map[string]any{}); err != nil {
		tb.Fatal(err)
	}
	return res
}

func (p *proc) open(tb testing.TB, uri, text string) {
	tb.Helper()
	err := p.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}})
	if err != nil {
		tb.Fatal(err)
	}
}

func pos(line, char int) map[string]any { return map[string]any{"line": line, "character": char} }

const clientCaps = `{
	"textDocument": {
		"codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}, "isPreferredSupport": true},
		"completion": {"completionItem": {"snippetSupport": false}},
		"publishDiagnostics": {"versionSupport": true, "relatedInformation": true}
	},
	"workspace": {"workspaceEdit": {"documentChanges": true}}
}`

const multiStage = "FROM golang:1.22 AS build\n" +
	"RUN go build -o /app .\n" +
	"\n" +
	"FROM alpine:3.20 AS unused\n" +
	"RUN echo hi\n" +
	"\n" +
	"FROM scratch\n" +
	"COPY --from=build /app /app\n" +
	"COPY --from="

func findRule(d *lsptest.Diagnostics, rule string) *lsptest.Diagnostic {
	for i := range d.Diagnostics {
		if d.Diagnostics[i].Code == rule {
			return &d.Diagnostics[i]
		}
	}
	return nil
}

// editor is the client's copy of the text, to compute UTF-16 positions the
// way an editor does.
type editor struct{ lines []string }

func (e *editor) end() (line, char int) {
	last := e.lines[len(e.lines)-1]
	return len(e.lines) - 1, len(utf16.Encode([]rune(last)))
}

func (e *editor) insertAtEnd(r rune) {
	if r == '\n' {
		e.lines = append(e.lines, "")
		return
	}
	e.lines[len(e.lines)-1] += string(r)
}

func TestE2ESession(t *testing.T) {
	p := start(t, "--stdio", "--diagnostics-delay", "30ms", "--log-level", "debug")
	ctx := ctxFor(t)
	res := p.initialize(t, clientCaps)
	caps := res["capabilities"].(map[string]any)
	if caps["positionEncoding"] != "utf-16" {
		t.Errorf("positionEncoding %v without utf-8 offered, want utf-16", caps["positionEncoding"])
	}
	if sync := caps["textDocumentSync"].(map[string]any); sync["change"] != 2.0 {
		t.Errorf("textDocumentSync %v, want incremental", sync)
	}
	if v := res["serverInfo"].(map[string]any)["version"]; v != "e2e-test" {
		t.Errorf("serverInfo.version %v, want the -ldflags value", v)
	}

	const uri = "file:///e2e/Dockerfile"
	p.open(t, uri, multiStage)

	// didOpen → diagnostics with UnusedStage.
	d, err := p.NextDiagnostics(ctx, uri, nil)
	if err != nil {
		t.Fatal(err)
	}
	unused := findRule(d, "UnusedStage")
	if unused == nil || *d.Version != 1 {
		t.Fatalf("want UnusedStage for version 1, got %s", d.Raw)
	}

	// Completion after COPY --from= lists the stages.
	var list struct {
		Items []struct {
			Label string `json:"label"`
		} `json:"items"`
	}
	if err := p.Call(ctx, "textDocument/completion", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "position": pos(8, 12)}, &list); err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, it := range list.Items {
		labels = append(labels, it.Label)
	}
	if got := strings.Join(labels, " "); !strings.Contains(got, "build") || !strings.Contains(got, "unused") {
		t.Errorf("completion after COPY --from= offers %q, want the stages", got)
	}

	// The code action for UnusedStage is its quick fix.
	var actions []struct {
		Title       string `json:"title"`
		Kind        string `json:"kind"`
		IsPreferred bool   `json:"isPreferred"`
		Diagnostics []lsptest.Diagnostic
		Edit        struct {
			DocumentChanges []struct {
				TextDocument struct {
					URI     string `json:"uri"`
					Version int    `json:"version"`
				} `json:"textDocument"`
				Edits []struct {
					Range   lsptest.Range `json:"range"`
					NewText string        `json:"newText"`
				} `json:"edits"`
			} `json:"documentChanges"`
		} `json:"edit"`
	}
	if err := p.Call(ctx, "textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        unused.Range,
		"context":      map[string]any{"diagnostics": []any{unused}, "only": []string{"quickfix"}},
	}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || actions[0].Kind != "quickfix" || len(actions[0].Diagnostics) != 1 ||
		actions[0].Diagnostics[0].Code != "UnusedStage" || len(actions[0].Edit.DocumentChanges) != 1 {
		t.Fatalf("code actions: %+v", actions)
	}
	dc := actions[0].Edit.DocumentChanges[0]
	wantRange := lsptest.Range{Start: lsptest.Position{Line: 3}, End: lsptest.Position{Line: 5}}
	if dc.TextDocument.URI != uri || dc.TextDocument.Version != 1 || len(dc.Edits) != 1 ||
		dc.Edits[0].Range != wantRange || dc.Edits[0].NewText != "" {
		t.Errorf("the fix edits %+v, want lines 3-4 removed from version 1", dc)
	}

	// 300 one-character changes typed at the end of the text: complete the
	// half-typed line, a comment with non-ASCII characters and emoji, and a
	// COPY from a misspelt stage after some of them.
	const lastLine = "\nCOPY --chown=é😀 --from=biuld /u /u"
	typed := "unused /u /u\n# "
	for utf8.RuneCountInString(typed+lastLine) < 300 {
		typed += string([]rune("abc é😀 ")[utf8.RuneCountInString(typed)%7])
	}
	typed += lastLine
	ed := &editor{lines: strings.Split(multiStage, "\n")}
	version := 1
	for _, r := range typed {
		line, char := ed.end()
		version++
		if err := p.Notify("textDocument/didChange", map[string]any{
			"textDocument": map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{map[string]any{
				"range": map[string]any{"start": pos(line, char), "end": pos(line, char)},
				"text":  string(r),
			}},
		}); err != nil {
			t.Fatal(err)
		}
		ed.insertAtEnd(r)
	}
	if version != 301 {
		t.Fatalf("typed %d changes, want 300", version-1)
	}
	d, err = p.NextDiagnostics(ctx, uri, func(d *lsptest.Diagnostics) bool { return d.Version != nil && *d.Version == 301 })
	if err != nil {
		t.Fatal(err)
	}
	if findRule(d, "UnusedStage") != nil || findRule(d, "BuildKitError") != nil {
		t.Errorf("after typing, stage unused is used and every line complete; got %s", d.Raw)
	}
	unknown := findRule(d, "UnknownStage")
	last := len(ed.lines) - 1
	col := strings.Index(ed.lines[last], "biuld")
	start := len(utf16.Encode([]rune(ed.lines[last][:col])))
	want := lsptest.Range{Start: lsptest.Position{Line: last, Character: start}, End: lsptest.Position{Line: last, Character: start + 5}}
	if unknown == nil || unknown.Range != want || !strings.Contains(unknown.Message, `"biuld"`) {
		t.Errorf("want UnknownStage at %+v (UTF-16) for the typed text; got %s", want, d.Raw)
	}

	// Shutdown (params: null, as eglot sends it) and exit: status 0.
	if err := p.Call(ctx, "shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	p.Notify("exit", nil)
	if status := p.wait(t); status != 0 {
		t.Errorf("exit after shutdown: status %d, want 0", status)
	}
}

func TestE2EUTF8(t *testing.T) {
	p := start(t)
	ctx := ctxFor(t)
	res := p.initialize(t, `{"general": {"positionEncodings": ["utf-16", "utf-8"]}}`)
	if enc := res["capabilities"].(map[string]any)["positionEncoding"]; enc != "utf-8" {
		t.Fatalf("positionEncoding %v with utf-8 offered, want utf-8", enc)
	}
	const uri = "file:///e2e/utf8/Dockerfile"
	line := "COPY --chown=é😀 --from=biuld /u /u"
	p.open(t, uri, "FROM alpine AS build\r\nFROM scratch\r\n"+line+"\r\n")
	d, err := p.NextDiagnostics(ctx, uri, nil)
	if err != nil {
		t.Fatal(err)
	}
	col := strings.Index(line, "biuld") // bytes
	want := lsptest.Range{Start: lsptest.Position{Line: 2, Character: col}, End: lsptest.Position{Line: 2, Character: col + 5}}
	if u := findRule(d, "UnknownStage"); u == nil || u.Range != want {
		t.Errorf("want UnknownStage at %+v (UTF-8, CRLF); got %s", want, d.Raw)
	}
}

func TestE2EExitWithoutShutdown(t *testing.T) {
	p := start(t)
	p.initialize(t, `{}`)
	p.Notify("exit", nil)
	if status := p.wait(t); status != 1 {
		t.Errorf("exit without shutdown: status %d, want 1", status)
	}
}

func TestE2EStdinClosed(t *testing.T) {
	p := start(t)
	p.initialize(t, `{}`)
	p.stdin.Close()
	if status := p.wait(t); status != 0 {
		t.Errorf("stdin closed: status %d, want 0", status)
	}
}

func TestE2EMalformedJSON(t *testing.T) {
	p := start(t)
	ctx := ctxFor(t)
	p.WriteRaw([]byte(`{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {`))
	m, err := p.Next(ctx, func(m *lsptest.Message) bool { return m.Error != nil })
	if err != nil {
		t.Fatal(err)
	}
	if m.Error.Code != -32700 {
		t.Errorf("malformed JSON: error %d, want -32700", m.Error.Code)
	}
	// Still alive and well.
	p.initialize(t, `{}`)
	if err := p.Call(ctx, "shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	p.Notify("exit", nil)
	if status := p.wait(t); status != 0 {
		t.Errorf("status %d, want 0", status)
	}
}

func TestE2ECommandLine(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		status     int
		stdout     string
		stderr     string
		noStdout   bool
		inTestdata bool
	}{
		{args: []string{"--version"}, stdout: "dockerfile-lsp e2e-test\n"},
		{args: []string{"--no-such-flag"}, status: 2, stderr: "usage: dockerfile-lsp", noStdout: true},
		{args: []string{"frobnicate"}, status: 2, stderr: `unknown command "frobnicate"`, noStdout: true},
		{args: []string{"serve", "--log-level", "loud"}, status: 2, stderr: "unknown --log-level", noStdout: true},
		{args: []string{"help"}, stdout: "dockerfile-lsp check"},
		{args: []string{"check", "../../testdata/example/Dockerfile"}, status: 1, stdout: "[UnknownStage]"},
		{args: []string{"check", "--workspace", "", "--context", "../../testdata/context/tree", "../../testdata/context/tree/copy_source_not_found.Dockerfile"}, status: 1,
			stdout: `copy_source_not_found.Dockerfile:7:6: error: COPY source "app/mian.go" is not in the build context tree; building the stage fails with "not found" [CopySourceNotFound]`},
		{args: []string{"check", "--context", "../../testdata/context/nowhere", "../../testdata/example/Dockerfile"}, status: 2, stderr: "--context ../../testdata/context/nowhere: not a folder", noStdout: true},
	} {
		cmd := exec.Command(binary, tc.args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.Run()
		if got := cmd.ProcessState.ExitCode(); got != tc.status {
			t.Errorf("%v: status %d, want %d (stderr %q)", tc.args, got, tc.status, stderr.String())
		}
		if !strings.Contains(stdout.String(), tc.stdout) || !strings.Contains(stderr.String(), tc.stderr) {
			t.Errorf("%v: stdout %q, stderr %q; want %q and %q in them", tc.args, stdout.String(), stderr.String(), tc.stdout, tc.stderr)
		}
		if tc.noStdout && stdout.Len() > 0 {
			t.Errorf("%v wrote to stdout: %q", tc.args, stdout.String())
		}
	}
}

// The log goes to the file and stdout carries only the protocol.
func TestE2ELogFile(t *testing.T) {
	logFile := filepath.Join(t.TempDir(), "lsp.log")
	p := start(t, "--log-file", logFile, "--log-level", "debug")
	p.initialize(t, `{}`)
	p.Call(ctxFor(t), "shutdown", nil, nil)
	p.Notify("exit", nil)
	p.wait(t)
	data, err := os.ReadFile(logFile)
	if err != nil || !strings.Contains(string(data), "initialize") {
		t.Errorf("log file: %v %q", err, data)
	}
	if p.stderr.String() != "" {
		t.Errorf("stderr with --log-file: %q", p.stderr)
	}
}

// Every file of the real corpus opened in one server: each gets its
// diagnostics, completion answers in each, and the server survives. The
// peak memory is logged (the target is 40 MB).
func TestE2ECorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("opens every corpus file")
	}
	files := corpus.Files(t, "real")
	p := start(t, "--diagnostics-delay", "0")
	ctx := ctxFor(t)
	p.initialize(t, clientCaps)
	for i, path := range files {
		text := corpus.Read(t, path)
		uri := fmt.Sprintf("file:///corpus/%d/Dockerfile", i)
		p.open(t, uri, text)
		if _, err := p.NextDiagnostics(ctx, uri, nil); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		lines := strings.Count(text, "\n")
		for _, line := range []int{0, lines / 2, lines} {
			if err := p.Call(ctx, "textDocument/completion", map[string]any{
				"textDocument": map[string]any{"uri": uri}, "position": pos(line, 4)}, nil); err != nil {
				t.Fatalf("%s: completion at line %d: %v", path, line, err)
			}
		}
	}
	if status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid)); err == nil {
		for _, l := range strings.Split(string(status), "\n") {
			if strings.HasPrefix(l, "VmHWM:") {
				t.Logf("peak RSS with %d corpus files open: %s", len(files), strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:")))
			}
		}
	}
	// What the resident size is made of: the heap and the runtime's own
	// memory (anonymous) or pages of the executable (file).
	if rollup, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps_rollup", p.cmd.Process.Pid)); err == nil {
		var rss, anon int64
		for _, l := range strings.Split(string(rollup), "\n") {
			if f := strings.Fields(l); len(f) >= 2 {
				switch f[0] {
				case "Rss:":
					fmt.Sscan(f[1], &rss)
				case "Anonymous:":
					fmt.Sscan(f[1], &anon)
				}
			}
		}
		t.Logf("resident now: %d kB, %d kB anonymous and %d kB of files", rss, anon, rss-anon)
	}
	if err := p.Call(ctx, "shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	p.Notify("exit", nil)
	if status := p.wait(t); status != 0 {
		t.Errorf("status %d", status)
	}
}
