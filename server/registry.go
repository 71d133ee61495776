package server

import (
	"bytes"
	"context"
	"fmt"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// Each LSP feature lives in its own file and registers itself from an init
// function, so adding one (hover, definition, symbols, formatting, ...) means
// adding one file and touching nothing else:
//
//	func init() {
//		handleRequest(protocol.MethodTextDocumentHover, (*Server).hover)
//		advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
//			c.HoverProvider = protocol.Boolean(true)
//		})
//	}
//
//	func (s *Server) hover(ctx context.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
//		doc, err := s.document(ctx, p.TextDocument.URI)
//		...
//	}
//
// Request handlers run concurrently with later messages and see the documents
// as they were when the request arrived; notification handlers run one at a
// time in wire order on the read goroutine, so they must be quick and must not
// wait on the client.

// requestHandler decodes a request's params on the read goroutine (they are
// borrowed from the transport buffer) and returns the work to run.
type requestHandler struct {
	prepare func(s *Server, params jsonrpc2.RawMessage) (run func(context.Context) (any, error), err error)
	// inline handlers run on the read goroutine before the next message is
	// read: initialize and shutdown change what later messages may do.
	inline bool
	// waitsOnClient handlers may wait for the editor (workspace/applyEdit
	// behind a confirmation dialog): they run outside the worker pool, so
	// waiting never holds up other requests.
	waitsOnClient bool
}

type notificationHandler func(s *Server, ctx context.Context, params jsonrpc2.RawMessage) error

var (
	requests       = map[string]requestHandler{}
	notifications  = map[string]notificationHandler{}
	capabilityHook []func(*protocol.ServerCapabilities, *clientCaps)
)

// handleRequest registers fn as the handler of a request method.
func handleRequest[P, R any](method string, fn func(*Server, context.Context, *P) (R, error)) {
	registerRequest(method, fn, requestHandler{})
}

// handleInlineRequest registers a request handler that runs on the read
// goroutine, in wire order with notifications. Keep it quick.
func handleInlineRequest[P, R any](method string, fn func(*Server, context.Context, *P) (R, error)) {
	registerRequest(method, fn, requestHandler{inline: true})
}

// handleRequestWaitingOnClient registers a request handler that may wait
// for an answer from the editor.
func handleRequestWaitingOnClient[P, R any](method string, fn func(*Server, context.Context, *P) (R, error)) {
	registerRequest(method, fn, requestHandler{waitsOnClient: true})
}

func registerRequest[P, R any](method string, fn func(*Server, context.Context, *P) (R, error), h requestHandler) {
	if _, dup := requests[method]; dup {
		panic("server: two handlers for request " + method)
	}
	requests[method] = requestHandler{
		inline:        h.inline,
		waitsOnClient: h.waitsOnClient,
		prepare: func(s *Server, raw jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
			params := new(P)
			if err := decodeParams(raw, params); err != nil {
				return nil, err
			}
			return func(ctx context.Context) (any, error) { return fn(s, ctx, params) }, nil
		},
	}
}

// handleNotification registers fn as the handler of a notification method.
func handleNotification[P any](method string, fn func(*Server, context.Context, *P)) {
	if _, dup := notifications[method]; dup {
		panic("server: two handlers for notification " + method)
	}
	notifications[method] = func(s *Server, ctx context.Context, raw jsonrpc2.RawMessage) error {
		params := new(P)
		if err := decodeParams(raw, params); err != nil {
			return err
		}
		fn(s, ctx, params)
		return nil
	}
}

// advertise registers a function that fills in the capabilities a feature
// announces in the initialize result, given what the client supports.
func advertise(fn func(*protocol.ServerCapabilities, *clientCaps)) {
	capabilityHook = append(capabilityHook, fn)
}

// decodeParams decodes params into p. Absent and null params (shutdown, and
// eglot's didChangeConfiguration) leave p at its zero value.
func decodeParams(raw jsonrpc2.RawMessage, p any) error {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null")) {
		return nil
	}
	if err := protocol.Unmarshal(trimmed, p); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "invalid params: %v", err)
	}
	return nil
}

// noParams is the params type of requests and notifications that take none.
type noParams struct{}

// codec marshals payloads with the protocol package's union-aware encoder (the
// one protocol.NewServer installs, which is unexported).
type codec struct{}

func (codec) Marshal(v any) ([]byte, error) {
	switch m := v.(type) {
	case jsonrpc2.RawMessage:
		if m == nil {
			return []byte("null"), nil
		}
		return m, nil
	case nil:
		return []byte("null"), nil
	}
	b, err := protocol.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encoding %T: %w", v, err)
	}
	return b, nil
}

func (codec) Unmarshal(data []byte, v any) error {
	if p, ok := v.(*jsonrpc2.RawMessage); ok {
		*p = append(jsonrpc2.RawMessage(nil), data...)
		return nil
	}
	return protocol.Unmarshal(data, v)
}
