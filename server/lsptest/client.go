// Package lsptest is a small LSP client for tests: it speaks JSON-RPC with
// Content-Length framing over any reader and writer (pipes to an in-process
// server, or a real server process) and works on plain JSON, so tests see
// exactly what went over the wire.
package lsptest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
)

// Message is any JSON-RPC message.
type Message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *Error          `json:"error,omitempty"`
	// Batch holds the members of a batch response, which arrives as one
	// JSON array; the other fields are then empty.
	Batch []*Message `json:"-"`
}

// Error is a JSON-RPC error object.
type Error struct {
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (e *Error) Error() string { return fmt.Sprintf("jsonrpc error %d: %s", e.Code, e.Message) }

// Client is one connection to a server.
type Client struct {
	w       io.Writer
	writeMu sync.Mutex

	mu      sync.Mutex
	nextID  int
	pending map[string]chan *Message
	inbox   []*Message    // notifications from the server, in arrival order
	arrived chan struct{} // closed and replaced whenever inbox grows
	done    chan struct{} // closed when the server's output ends
	err     error

	// OnRequest answers requests from the server (workspace/configuration,
	// workspace/applyEdit, ...). By default they get a null result. Set it
	// before the first message arrives.
	OnRequest func(method string, params json.RawMessage) (any, *Error)
}

// New starts reading the server's messages from r; requests go to w.
func New(r io.Reader, w io.Writer) *Client {
	c := &Client{w: w, pending: map[string]chan *Message{}, arrived: make(chan struct{}), done: make(chan struct{})}
	go c.read(bufio.NewReader(r))
	return c
}

// Err is the error that ended the server's output (io.EOF for a clean end).
func (c *Client) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *Client) read(r *bufio.Reader) {
	var err error
	for {
		var body []byte
		body, err = ReadFrame(r)
		if err != nil {
			break
		}
		var m Message
		if trimmed := strings.TrimSpace(string(body)); strings.HasPrefix(trimmed, "[") {
			if err = json.Unmarshal(body, &m.Batch); err != nil {
				err = fmt.Errorf("server sent an invalid batch %q: %w", body, err)
				break
			}
			c.keep(&m)
			continue
		}
		if err = json.Unmarshal(body, &m); err != nil {
			err = fmt.Errorf("server sent invalid JSON %q: %w", body, err)
			break
		}
		switch {
		case m.Method != "" && m.ID != nil:
			go c.answer(&m)
		case m.Method != "":
			c.keep(&m)
		default:
			c.mu.Lock()
			ch := c.pending[string(m.ID)]
			delete(c.pending, string(m.ID))
			c.mu.Unlock()
			if ch != nil {
				ch <- &m
			} else {
				// A response nobody waits for (an id-less error, say) is
				// kept for tests to look at.
				c.keep(&m)
			}
		}
	}
	c.mu.Lock()
	c.err = err
	c.mu.Unlock()
	close(c.done)
}

// keep puts a message in the inbox, for Next to find.
func (c *Client) keep(m *Message) {
	c.mu.Lock()
	c.inbox = append(c.inbox, m)
	close(c.arrived)
	c.arrived = make(chan struct{})
	c.mu.Unlock()
}

func (c *Client) answer(m *Message) {
	var result any
	var rpcErr *Error
	if c.OnRequest != nil {
		result, rpcErr = c.OnRequest(m.Method, m.Params)
	}
	resp := map[string]any{"jsonrpc": "2.0", "id": m.ID}
	if rpcErr != nil {
		resp["error"] = rpcErr
	} else {
		resp["result"] = result
	}
	_ = c.send(resp)
}

// ReadFrame reads one Content-Length framed message body.
func ReadFrame(r *bufio.Reader) ([]byte, error) {
	header, err := textproto.NewReader(r).ReadMIMEHeader()
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(header.Get("Content-Length"))
	if err != nil {
		return nil, fmt.Errorf("bad Content-Length %q", header.Get("Content-Length"))
	}
	body := make([]byte, n)
	_, err = io.ReadFull(r, body)
	return body, err
}

func (c *Client) send(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.WriteRaw(body)
}

// WriteRaw frames body as it is, valid JSON or not.
func (c *Client) WriteRaw(body []byte) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_, err := fmt.Fprintf(c.w, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return err
}

// Notify sends a notification; params may be nil for "params": null.
func (c *Client) Notify(method string, params any) error {
	return c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// Call sends a request and waits for its response, decoding the result into
// result (when not nil). A JSON-RPC error comes back as *Error.
func (c *Client) Call(ctx context.Context, method string, params, result any) error {
	id, ch := c.Start()
	if err := c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params}); err != nil {
		return err
	}
	return c.Wait(ctx, ch, result)
}

// Start reserves a request id, for tests that write the request themselves
// (to cancel it, say); Wait then waits for its response.
func (c *Client) Start() (int, chan *Message) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.nextID++
	ch := make(chan *Message, 1)
	c.pending[strconv.Itoa(c.nextID)] = ch
	return c.nextID, ch
}

// Wait waits for the response on ch (from Start).
func (c *Client) Wait(ctx context.Context, ch chan *Message, result any) error {
	select {
	case m := <-ch:
		if m.Error != nil {
			return m.Error
		}
		if result != nil {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	case <-c.done:
		return fmt.Errorf("the server closed its output: %v", c.Err())
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Next removes and returns the first notification (or unmatched response)
// for which match returns true, waiting for it if needed. Other messages stay
// queued.
func (c *Client) Next(ctx context.Context, match func(*Message) bool) (*Message, error) {
	for {
		c.mu.Lock()
		for i, m := range c.inbox {
			if match(m) {
				c.inbox = append(c.inbox[:i:i], c.inbox[i+1:]...)
				c.mu.Unlock()
				return m, nil
			}
		}
		arrived := c.arrived
		c.mu.Unlock()
		select {
		case <-arrived:
		case <-c.done:
			return nil, fmt.Errorf("the server closed its output before the message came: %v", c.Err())
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// Diagnostics is a textDocument/publishDiagnostics notification.
type Diagnostics struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version"`
	Diagnostics []Diagnostic `json:"diagnostics"`
	Raw         json.RawMessage
}

// Diagnostic is one diagnostic as sent.
type Diagnostic struct {
	Range           Range  `json:"range"`
	Severity        int    `json:"severity"`
	Code            string `json:"code"`
	Source          string `json:"source"`
	Message         string `json:"message"`
	Tags            []int  `json:"tags"`
	CodeDescription *struct {
		Href string `json:"href"`
	} `json:"codeDescription"`
}

// Range and Position are LSP positions (line, character).
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// NextDiagnostics waits for the next publishDiagnostics of uri for which
// match (if not nil) returns true.
func (c *Client) NextDiagnostics(ctx context.Context, uri string, match func(*Diagnostics) bool) (*Diagnostics, error) {
	var found *Diagnostics
	_, err := c.Next(ctx, func(m *Message) bool {
		if m.Method != "textDocument/publishDiagnostics" {
			return false
		}
		var d Diagnostics
		if json.Unmarshal(m.Params, &d) != nil || d.URI != uri {
			return false
		}
		d.Raw = m.Params
		if match != nil && !match(&d) {
			return false
		}
		found = &d
		return true
	})
	return found, err
}

// Rules lists the codes of the diagnostics, for compact assertions.
func (d *Diagnostics) Rules() string {
	var codes []string
	for _, x := range d.Diagnostics {
		codes = append(codes, x.Code)
	}
	return strings.Join(codes, ",")
}
