package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

// Test-only methods: one that waits until it is cancelled, one that panics.
func init() {
	handleRequest("test/block", func(s *Server, ctx context.Context, _ *noParams) (any, error) {
		select {
		case <-ctx.Done():
		case <-time.After(time.Minute):
		}
		return "not cancelled", nil
	})
	handleRequest("test/panic", func(s *Server, ctx context.Context, _ *noParams) (any, error) {
		panic("on purpose")
	})
}

// session is an in-process server connected to a test client over pipes.
type session struct {
	*lsptest.Client
	srv      *Server
	in       *io.PipeWriter // the server's stdin, as the client writes it
	stopped  chan struct{}  // closed when Serve returns
	exitCode int            // what Serve returned
}

// wait waits for Serve to return and gives its exit status.
func (s *session) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-s.stopped:
		return s.exitCode
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
		return -1
	}
}

type pipeRWC struct {
	io.Reader
	io.Writer
	closers []io.Closer
}

func (p pipeRWC) Close() error {
	for _, c := range p.closers {
		c.Close()
	}
	return nil
}

func newSession(t *testing.T, opts Options) *session {
	t.Helper()
	clientIn, serverOut := io.Pipe()
	serverIn, clientOut := io.Pipe()
	if opts.Logger == nil {
		opts.Logger = zaptest.NewLogger(t)
	}
	s := &session{srv: New(opts), in: clientOut, stopped: make(chan struct{})}
	go func() {
		s.exitCode = s.srv.Serve(context.Background(), pipeRWC{serverIn, serverOut, []io.Closer{serverIn}})
		serverOut.Close()
		close(s.stopped)
	}()
	s.Client = lsptest.New(clientIn, clientOut)
	t.Cleanup(func() {
		clientOut.Close()
		s.wait(t)
	})
	return s
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// initialize runs the handshake with the given capabilities (JSON).
func (s *session) initialize(t *testing.T, capabilities string, initOptions any) map[string]any {
	t.Helper()
	var result map[string]any
	params := map[string]any{"processId": nil, "rootUri": nil, "capabilities": json.RawMessage(capabilities), "clientInfo": map[string]any{"name": "test"}}
	if initOptions != nil {
		params["initializationOptions"] = initOptions
	}
	if err := s.Call(testContext(t), "initialize", params, &result); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	if err := s.Notify("initialized", map[string]any{}); err != nil {
		t.Fatal(err)
	}
	return result
}

func (s *session) open(t *testing.T, uri, text string) {
	t.Helper()
	err := s.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}})
	if err != nil {
		t.Fatal(err)
	}
}

func rpcCode(err error) int {
	var e *lsptest.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

func TestLifecycleErrors(t *testing.T) {
	s := newSession(t, Options{})
	ctx := testContext(t)
	if err := s.Call(ctx, "textDocument/completion", map[string]any{}, nil); rpcCode(err) != int(jsonrpc2.ServerNotInitialized) {
		t.Errorf("request before initialize: %v, want ServerNotInitialized", err)
	}
	s.initialize(t, `{}`, nil)
	if err := s.Call(ctx, "initialize", map[string]any{"capabilities": map[string]any{}}, nil); rpcCode(err) != int(jsonrpc2.InvalidRequest) {
		t.Errorf("second initialize: %v, want InvalidRequest", err)
	}
	if err := s.Call(ctx, "textDocument/noSuchThing", map[string]any{}, nil); rpcCode(err) != int(jsonrpc2.MethodNotFound) {
		t.Errorf("unknown method: %v, want MethodNotFound", err)
	}
	if err := s.Call(ctx, "textDocument/completion", []int{1}, nil); rpcCode(err) != int(jsonrpc2.InvalidParams) {
		t.Errorf("bad params: %v, want InvalidParams", err)
	}
	// A notification with bad params or an unknown method is ignored.
	s.Notify("textDocument/didChange", "nonsense")
	s.Notify("custom/whatever", nil)
	if err := s.Call(ctx, "test/panic", nil, nil); rpcCode(err) != int(jsonrpc2.InternalError) {
		t.Errorf("panicking handler: %v, want InternalError", err)
	}
	// shutdown with params: null (eglot) and then everything is refused.
	if err := s.Call(ctx, "shutdown", nil, nil); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if err := s.Call(ctx, "textDocument/completion", map[string]any{}, nil); rpcCode(err) != int(jsonrpc2.InvalidRequest) {
		t.Errorf("request after shutdown: %v, want InvalidRequest", err)
	}
	s.Notify("exit", nil)
	if code := s.wait(t); code != 0 {
		t.Errorf("exit after shutdown: status %d, want 0", code)
	}
}

// Options.Initialized runs once, after the client has the initialize result.
func TestInitializedHook(t *testing.T) {
	calls := make(chan struct{}, 2)
	s := newSession(t, Options{Initialized: func() { calls <- struct{}{} }})
	ctx := testContext(t)
	params := map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}
	if err := s.Call(ctx, "initialize", params, nil); err != nil {
		t.Fatal(err)
	}
	if len(calls) > 0 {
		t.Error("ran before the initialized notification")
	}
	s.Notify("initialized", map[string]any{})
	s.Notify("initialized", map[string]any{})
	if err := s.Call(ctx, "shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	s.Notify("exit", nil)
	s.wait(t) // Serve returns once the session's goroutines have ended
	if len(calls) != 1 {
		t.Errorf("ran %d times, want once", len(calls))
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	s := newSession(t, Options{})
	s.initialize(t, `{}`, nil)
	s.Notify("exit", nil)
	if code := s.wait(t); code != 1 {
		t.Errorf("exit without shutdown: status %d, want 1", code)
	}
}

func TestInputClosed(t *testing.T) {
	s := newSession(t, Options{})
	s.initialize(t, `{}`, nil)
	s.in.Close()
	if code := s.wait(t); code != 0 {
		t.Errorf("closed input: status %d, want 0", code)
	}
}

func TestMalformedMessages(t *testing.T) {
	s := newSession(t, Options{})
	ctx := testContext(t)
	s.initialize(t, `{}`, nil)
	for _, tc := range []struct {
		body string
		code int
		id   string
	}{
		{`{"jsonrpc":"2.0","id":1,"method":`, int(jsonrpc2.ParseError), "null"},
		{`not json at all`, int(jsonrpc2.ParseError), "null"},
		{`{"jsonrpc":"2.0","id":77}`, int(jsonrpc2.InvalidRequest), "77"},
		{`{"jsonrpc":"1.0","id":"x","method":"shutdown"}`, int(jsonrpc2.InvalidRequest), `"x"`},
		{`42`, int(jsonrpc2.InvalidRequest), "null"},
		// A null id makes a request invalid, not a notification.
		{`{"jsonrpc":"2.0","id":null,"method":"textDocument/hover","params":{}}`, int(jsonrpc2.InvalidRequest), "null"},
		{`[]`, int(jsonrpc2.InvalidRequest), "null"},
	} {
		if err := s.WriteRaw([]byte(tc.body)); err != nil {
			t.Fatal(err)
		}
		m, err := s.Next(ctx, func(m *lsptest.Message) bool { return m.Error != nil })
		if err != nil {
			t.Fatalf("%s: no error response: %v", tc.body, err)
		}
		if m.Error.Code != tc.code || string(m.ID) != tc.id {
			t.Errorf("%s: error %d for id %s, want %d for id %s", tc.body, m.Error.Code, m.ID, tc.code, tc.id)
		}
	}
	// The session goes on.
	if err := s.Call(ctx, "shutdown", nil, nil); err != nil {
		t.Fatalf("shutdown after malformed messages: %v", err)
	}
}

// JSON-RPC 2.0: a batch is answered with one array holding a response per
// request member, an error with a null id for each invalid one.
func TestBatches(t *testing.T) {
	s := newSession(t, Options{})
	ctx := testContext(t)
	s.initialize(t, `{}`, nil)
	for _, tc := range []struct {
		body string
		want []string // id and code of each member of the answer, in any order
	}{
		{`[1,2,{"x":1}]`, []string{"null -32600", "null -32600", "null -32600"}},
		{`[1]`, []string{"null -32600"}},
		{`["a",null,true,[]]`, []string{"null -32600", "null -32600", "null -32600", "null -32600"}},
		{`[{"jsonrpc":"2.0","id":7,"method":"nosuch"},3,{"jsonrpc":"2.0","id":null,"method":"nosuch"}]`, []string{"7 -32601", "null -32600", "null -32600"}},
		{`[{"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///none"},"position":{"line":0,"character":0}}},{"jsonrpc":"2.0","method":"custom/ignored"}]`, []string{"8 0"}},
	} {
		if err := s.WriteRaw([]byte(tc.body)); err != nil {
			t.Fatal(err)
		}
		m, err := s.Next(ctx, func(m *lsptest.Message) bool { return m.Batch != nil })
		if err != nil {
			t.Fatalf("%s: no batch answer: %v", tc.body, err)
		}
		var got []string
		for _, member := range m.Batch {
			code := 0
			if member.Error != nil {
				code = member.Error.Code
			}
			got = append(got, fmt.Sprintf("%s %d", member.ID, code))
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(tc.want))
		if !slices.Equal(got, want) {
			t.Errorf("%s answered %q, want %q", tc.body, got, want)
		}
	}
	if err := s.Call(ctx, "shutdown", nil, nil); err != nil {
		t.Fatalf("shutdown after the batches: %v", err)
	}
}

func TestCancelRequest(t *testing.T) {
	s := newSession(t, Options{})
	ctx := testContext(t)
	s.initialize(t, `{}`, nil)
	id, ch := s.Start()
	s.WriteRaw(fmt.Appendf(nil, `{"jsonrpc":"2.0","id":%d,"method":"test/block"}`, id))
	s.Notify("$/cancelRequest", map[string]any{"id": id})
	if err := s.Wait(ctx, ch, nil); rpcCode(err) != int(protocol.CodeRequestCancelled) {
		t.Errorf("cancelled request: %v, want RequestCancelled", err)
	}
}

// Notifications must be applied in the order they were sent, whatever the
// requests in between do: 500 one-character inserts, each at the end of the
// text the previous one produced.
func TestNotificationOrder(t *testing.T) {
	s := newSession(t, Options{DiagnosticsDelay: time.Hour})
	ctx := testContext(t)
	s.initialize(t, `{}`, nil)
	const uri = "file:///order/Dockerfile"
	s.open(t, uri, "")
	var want strings.Builder
	for i := range 500 {
		ch := string(rune('a' + i%26))
		want.WriteString(ch)
		s.Notify("textDocument/didChange", map[string]any{
			"textDocument": map[string]any{"uri": uri, "version": i + 2},
			"contentChanges": []any{map[string]any{
				"range": map[string]any{"start": map[string]any{"line": 0, "character": i}, "end": map[string]any{"line": 0, "character": i}},
				"text":  ch,
			}},
		})
		if i%50 == 0 {
			// Requests interleaved with the changes run concurrently; they
			// must not disturb the order of the notifications.
			go s.Call(ctx, "textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": i}}, nil)
		}
	}
	// A request is handled after every notification sent before it.
	if err := s.Call(ctx, "textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 0}}, nil); err != nil {
		t.Fatal(err)
	}
	doc := s.srv.docs.get("file:///order/Dockerfile").snapshot()
	if doc.File.Text != want.String() || doc.Version != 501 {
		t.Errorf("after 500 changes: version %d, text %q, want version 501, text %q", doc.Version, doc.File.Text, want.String())
	}
}

func TestDecodeParams(t *testing.T) {
	for _, raw := range []string{``, `null`, ` null `, `{}`, `{"unknown": 1}`} {
		var p noParams
		if err := decodeParams(jsonrpc2.RawMessage(raw), &p); err != nil {
			t.Errorf("noParams from %q: %v", raw, err)
		}
		var ip protocol.InitializedParams
		if err := decodeParams(jsonrpc2.RawMessage(raw), &ip); err != nil {
			t.Errorf("InitializedParams from %q: %v", raw, err)
		}
	}
	var p protocol.CompletionParams
	if err := decodeParams(jsonrpc2.RawMessage(`"text"`), &p); rpcCodeOf(err) != jsonrpc2.InvalidParams {
		t.Errorf("a string for an object: %v, want InvalidParams", err)
	}
}

func rpcCodeOf(err error) jsonrpc2.Code {
	var e *jsonrpc2.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// heavySession opens a 740 KB Dockerfile and times one
// semanticTokens/full on it, its model already built: the unit the
// cancellation tests compare against.
func heavySession(t *testing.T) (s *session, uri string, one time.Duration) {
	if raceDetector {
		t.Skip("compares timings on a 740 KB file, which the race detector distorts; the plain test run covers it")
	}
	text := corpus.Big(t, 740<<10)
	s = newSession(t, Options{DiagnosticsDelay: time.Hour, Logger: zap.NewNop()})
	s.initialize(t, `{"textDocument":{"semanticTokens":{"formats":["relative"]}}}`, nil)
	uri = "file:///heavy/Dockerfile"
	s.open(t, uri, text)
	params := map[string]any{"textDocument": map[string]any{"uri": uri}}
	ctx := testContext(t)
	if err := s.Call(ctx, "textDocument/semanticTokens/full", params, nil); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := s.Call(ctx, "textDocument/semanticTokens/full", params, nil); err != nil {
		t.Fatal(err)
	}
	return s, uri, time.Since(start)
}

// sendHeavy sends n semanticTokens/full requests without waiting.
func sendHeavy(s *session, uri string, n int) (ids []int, answers []chan *lsptest.Message) {
	for range n {
		id, ch := s.Start()
		s.WriteRaw(fmt.Appendf(nil, `{"jsonrpc":"2.0","id":%d,"method":"textDocument/semanticTokens/full","params":{"textDocument":{"uri":%q}}}`, id, uri))
		ids, answers = append(ids, id), append(answers, ch)
	}
	return ids, answers
}

// Cancelled requests stop and answer RequestCancelled: forty heavy requests
// cancelled right after they were sent are all answered in a fraction of
// the time they need to run (on two cores, at least twenty times one).
func TestCancelHeavyRequests(t *testing.T) {
	s, uri, one := heavySession(t)
	const n = 40
	start := time.Now()
	ids, answers := sendHeavy(s, uri, n)
	for _, id := range ids {
		s.Notify("$/cancelRequest", map[string]any{"id": id})
	}
	ctx := testContext(t)
	cancelled := 0
	for _, ch := range answers {
		if err := s.Wait(ctx, ch, nil); rpcCode(err) == int(protocol.CodeRequestCancelled) {
			cancelled++
		}
	}
	took := time.Since(start)
	t.Logf("one request %v; %d requests, %d cancelled, all answered after %v", one, n, cancelled, took)
	if cancelled < n/2 {
		t.Errorf("only %d of %d cancelled requests answered RequestCancelled", cancelled, n)
	}
	if took > n*one/4 {
		t.Errorf("cancelled requests answered after %v; running them all takes about %v", took, n*one/2)
	}
}

// exit ends the session at once, whatever runs: Serve returns long before
// forty heavy requests in flight could have finished.
func TestExitWithHeavyRequests(t *testing.T) {
	s, uri, one := heavySession(t)
	const n = 40
	sendHeavy(s, uri, n)
	start := time.Now()
	s.Notify("exit", nil)
	s.wait(t)
	took := time.Since(start)
	t.Logf("one request %v; exit with %d in flight took %v", one, n, took)
	if took > n*one/4 {
		t.Errorf("exit took %v with requests in flight; running them all takes about %v", took, n*one/2)
	}
}
