// Package server is the LSP adapter: JSON-RPC wiring, capability negotiation,
// the document store with incremental sync, position encodings and one file
// per feature. It converts between protocol types and the engine's byte
// offsets and holds no Dockerfile knowledge of its own.
package server

import (
	"context"
	"errors"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// cancelCheckEvery is how many items (tokens, ranges, edits) a handler
// converts between two looks at its context.
const cancelCheckEvery = 4096

// DefaultDiagnosticsDelay is how long the server waits after a change before
// analysing: not at all. The project's rules take a fraction of a
// millisecond and BuildKit's a few on a typical file, so a version is
// analysed as soon as it exists; a newer version cancels the run of an older
// one (see scheduleDiagnostics), which is what bounds the CPU while typing.
const DefaultDiagnosticsDelay = 0

// Options configure a Server.
type Options struct {
	Logger  *zap.Logger // nil discards logs
	Version string      // reported in serverInfo
	// DiagnosticsDelay is a debounce after a change; zero or negative
	// analyses right away (the default).
	DiagnosticsDelay time.Duration
	// MemoryLimit, when positive, makes the server manage the Go runtime's
	// soft memory limit: MemoryLimit plus room for the large documents open
	// (see memoryLimit). Zero leaves the limit alone.
	MemoryLimit int64
	// Initialized, when set, runs once on its own goroutine when the client
	// confirms it got the initialize result: start-up work the process
	// defers until the client is answered.
	Initialized func()
}

// lifecycle states, in order.
const (
	stateUninitialized int32 = iota
	stateRunning
	stateShutDown
	stateExited
)

// Server is one LSP session over one connection.
type Server struct {
	opts Options
	log  *zap.Logger
	conn jsonrpc2.Conn

	inflightMu sync.Mutex
	inflight   map[jsonrpc2.ID]context.CancelFunc // running requests, for $/cancelRequest
	// workers holds a token per request handler running: as many as there
	// are CPUs, so a burst of heavy requests queues instead of sharing the
	// CPUs with the read goroutine, and one cancelled while it waits never
	// starts.
	workers chan struct{}

	// ctx lives as long as the session; diagnostics runs and calls to the
	// client derive from it, so they stop when the session ends.
	ctx  context.Context
	stop context.CancelFunc

	state  atomic.Int32
	wg     sync.WaitGroup // everything the session runs in the background
	client *clientCaps    // set by initialize, read-only afterwards
	exited chan int       // the exit code, once the client sent exit

	docs   store
	diag   diagnoser
	config atomic.Pointer[settings]
	// warnedTargets are the configured targets already reported as naming
	// no stage of some document: each is shown once.
	warnedTargets sync.Map
	ws            workspace // build targets in the workspace (targets.go)
	mem           memory    // what the open documents weigh (memory.go)

	bctx buildContexts // build context walks (context.go)
}

// New returns a server that is not yet connected; see Serve.
func New(opts Options) *Server {
	if opts.Logger == nil {
		opts.Logger = zap.NewNop()
	}
	if opts.DiagnosticsDelay < 0 {
		opts.DiagnosticsDelay = 0
	}
	if opts.Initialized != nil {
		opts.Initialized = sync.OnceFunc(opts.Initialized)
	}
	s := &Server{
		opts:     opts,
		log:      opts.Logger,
		client:   &clientCaps{},
		exited:   make(chan int, 1),
		inflight: map[jsonrpc2.ID]context.CancelFunc{},
		workers:  make(chan struct{}, max(2, runtime.GOMAXPROCS(0))),
	}
	s.config.Store(&settings{})
	return s
}

// exitGrace bounds how long Serve waits, once the session is over, for the
// requests and analyses it cancelled to notice: a step of work that cannot
// be interrupted (scanning a huge file) must not keep the process alive.
const exitGrace = 250 * time.Millisecond

// Serve speaks LSP over rwc (header framing) until the client sends exit or
// closes its end, and returns the process exit status: 0 after shutdown and
// exit, 1 after exit without shutdown, 0 when the input ends (some clients
// kill the server instead of sending exit), 1 when the stream breaks.
func (s *Server) Serve(ctx context.Context, rwc io.ReadWriteCloser) int {
	s.ctx, s.stop = context.WithCancel(ctx)
	// Everything the session started is cancelled; Serve returns when it has
	// all stopped, or after exitGrace.
	defer func() {
		s.stop()
		s.inflightMu.Lock()
		for _, cancel := range s.inflight {
			cancel()
		}
		s.inflightMu.Unlock()
		stopped := make(chan struct{})
		go func() {
			s.wg.Wait()
			close(stopped)
		}()
		select {
		case <-stopped:
		case <-time.After(exitGrace):
			s.log.Warn("exiting while cancelled work still runs")
		}
	}()

	s.forwardWarnings()
	stream := &tolerantStream{frameStream: jsonrpc2.NewHeaderStream(rwc).(frameStream), log: s.log}
	s.conn = jsonrpc2.NewConn(stream, jsonrpc2.WithCodec(codec{}))
	s.conn.Go(s.ctx, s.handle)

	select {
	case code := <-s.exited:
		// Close waits for the read goroutine, which may sit in a blocking
		// read of stdin for as long as the client keeps it open: do not wait.
		go s.conn.Close()
		return code
	case <-s.conn.Done():
		if err := s.conn.Err(); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			s.log.Error("connection failed", zap.Error(err))
			return 1
		}
		s.log.Info("input closed without exit")
		return 0
	}
}

// handle is the connection's only handler. Notifications run here, on the
// read goroutine, strictly in wire order: didChange events must be applied in
// the order they were sent. Requests are decoded here too, then released to
// run concurrently so a slow one never holds up typing.
//
// The method name and params are borrowed from the read buffer; the params
// are decoded before the read goroutine moves on, the name is copied.
func (s *Server) handle(ctx context.Context, req *jsonrpc2.Request) (any, error) {
	if !req.IsCall() {
		s.notify(ctx, req.Method(), req.Params())
		// Returning an error for a notification would end the connection.
		return nil, nil
	}
	return s.call(ctx, ownedID(req.ID()), strings.Clone(req.Method()), req.Params())
}

func ownedID(id jsonrpc2.ID) jsonrpc2.ID {
	if str, ok := id.StringValue(); ok {
		return jsonrpc2.NewStringID(strings.Clone(str))
	}
	return id
}

func (s *Server) notify(ctx context.Context, method string, params jsonrpc2.RawMessage) {
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("notification handler panicked", zap.String("method", method),
				zap.Any("panic", r), zap.ByteString("stack", debug.Stack()))
		}
	}()
	state := s.state.Load()
	if state == stateExited || method != protocol.MethodExit && method != protocol.MethodCancelRequest && state != stateRunning {
		s.log.Debug("notification ignored outside the running state", zap.String("method", method))
		return
	}
	h, ok := notifications[method]
	if !ok {
		// Unknown notifications are ignored, as the spec requires; "$/" ones
		// are optional by definition.
		if !strings.HasPrefix(method, "$/") {
			s.log.Debug("unsupported notification", zap.String("method", method))
		}
		return
	}
	if err := h(s, ctx, params); err != nil {
		s.log.Warn("bad notification", zap.String("method", method), zap.Error(err))
		return
	}
	s.log.Debug("notification", zap.String("method", method), zap.Duration("took", time.Since(start)))
}

func (s *Server) call(ctx context.Context, id jsonrpc2.ID, method string, params jsonrpc2.RawMessage) (any, error) {
	switch state := s.state.Load(); {
	case state == stateUninitialized && method != protocol.MethodInitialize:
		return nil, jsonrpc2.Errorf(jsonrpc2.ServerNotInitialized, "%s before initialize", method)
	case state != stateUninitialized && method == protocol.MethodInitialize:
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is already initialized")
	case state == stateShutDown || state == stateExited:
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "%s after shutdown", method)
	}
	h, ok := requests[method]
	if !ok {
		return nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "dockerfile-lsp does not support %s", method)
	}
	run, err := h.prepare(s, params)
	if err != nil {
		return nil, err
	}
	// The request sees the documents as of its arrival, whatever later
	// notifications do while it runs.
	ctx = withDocuments(ctx, s.docs.all())
	if h.inline {
		return s.run(ctx, method, run)
	}
	// Register for $/cancelRequest before the read goroutine moves on, or
	// a cancel right behind the request could come first. ctx may be a
	// parent here only because Async follows: jsonrpc2 recycles the
	// context of a request that stays inline as soon as it returns, under
	// the feet of the goroutine context.WithCancel starts
	// (jsonrpc2.CancelHandler panics that way on quick requests).
	ctx, cancel := context.WithCancel(ctx)
	s.inflightMu.Lock()
	s.inflight[id] = cancel
	s.inflightMu.Unlock()
	s.wg.Add(1)
	defer s.wg.Done()
	jsonrpc2.Async(ctx)
	defer func() {
		s.inflightMu.Lock()
		delete(s.inflight, id)
		s.inflightMu.Unlock()
		cancel()
	}()
	if !h.waitsOnClient {
		select {
		case s.workers <- struct{}{}:
			defer func() { <-s.workers }()
		case <-ctx.Done():
			return nil, protocol.ErrRequestCancelled
		}
	}
	return s.run(ctx, method, run)
}

// cancelRequest cancels the context of a running request.
func (s *Server) cancelRequest(id jsonrpc2.ID) {
	s.inflightMu.Lock()
	cancel := s.inflight[id]
	s.inflightMu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// run calls a request handler, turning a panic into an error response
// instead of a dead connection, and a cancelled request into the
// RequestCancelled error the spec asks for.
func (s *Server) run(ctx context.Context, method string, run func(context.Context) (any, error)) (result any, err error) {
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("request handler panicked", zap.String("method", method),
				zap.Any("panic", r), zap.ByteString("stack", debug.Stack()))
			result, err = nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "dockerfile-lsp failed on %s: %v", method, r)
		}
	}()
	result, err = run(ctx)
	if ctx.Err() != nil {
		return nil, protocol.ErrRequestCancelled
	}
	s.log.Debug("request", zap.String("method", method), zap.Duration("took", time.Since(start)), zap.Error(err))
	return result, err
}

// notifyClient sends a notification; a failure means the client is gone,
// which the read side notices on its own.
func (s *Server) notifyClient(method string, params any) {
	if err := s.conn.Notify(s.ctx, method, params); err != nil {
		s.log.Debug("cannot notify the client", zap.String("method", method), zap.Error(err))
	}
}
