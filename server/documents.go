package server

import (
	"context"
	"encoding/json"
	"maps"
	"strings"
	"sync"
	"sync/atomic"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Document is an immutable snapshot of an open document at one version.
// Features are functions of a snapshot: they never see a half-applied edit.
type Document struct {
	// URI is the client's own spelling, used in everything sent back: the
	// protocol decoder canonicalises URIs (file:///C:/a+b becomes
	// file:///c%3A/a%2Bb), and a client may not recognise the canonical form.
	URI     uri.URI
	Version int32
	File    *syntax.File
}

// Model returns the semantic model of the snapshot, shared by the requests
// on this version. Models are kept for the last few snapshots only (see
// modelOf): a model per open document would cost memory for files nobody
// is looking at.
func (d *Document) Model() *model.Model { return modelOf(d.File) }

func init() {
	notifications[protocol.MethodTextDocumentDidOpen] = (*Server).didOpen
	handleNotification(protocol.MethodTextDocumentDidChange, (*Server).didChange)
	handleNotification(protocol.MethodTextDocumentDidClose, (*Server).didClose)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		open, incremental := true, protocol.TextDocumentSyncKindIncremental
		c.TextDocumentSync = &protocol.TextDocumentSyncOptions{OpenClose: &open, Change: &incremental}
	})
}

// didOpen reads the URI a second time from the raw params to keep the
// client's spelling of it.
func (s *Server) didOpen(ctx context.Context, raw jsonrpc2.RawMessage) error {
	var p protocol.DidOpenTextDocumentParams
	if err := decodeParams(raw, &p); err != nil {
		return err
	}
	var spelled struct {
		TextDocument struct {
			URI string `json:"uri"`
		} `json:"textDocument"`
	}
	clientURI := p.TextDocument.URI
	if json.Unmarshal(raw, &spelled) == nil && spelled.TextDocument.URI != "" {
		clientURI = uri.URI(spelled.TextDocument.URI)
	}
	// The decoder's strings may point into the whole message, the file's
	// text included: what outlives this call is copied.
	key := uri.URI(strings.Clone(string(p.TextDocument.URI)))
	doc := &Document{URI: clientURI, Version: p.TextDocument.Version, File: syntax.Parse(strings.Clone(p.TextDocument.Text))}
	s.docs.set(key, doc)
	s.scheduleDiagnostics(key, doc, 0)
	return nil
}

// didChange applies each change in order, each to the result of the one
// before, through the scanner's incremental update.
func (s *Server) didChange(ctx context.Context, p *protocol.DidChangeTextDocumentParams) {
	key := p.TextDocument.URI
	old := s.docs.get(key)
	if old == nil {
		s.log.Warn("change to a document that is not open", zap.String("uri", string(key)))
		return
	}
	f := old.File
	for _, change := range p.ContentChanges {
		switch c := change.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			f = syntax.Parse(c.Text)
		case *protocol.TextDocumentContentChangePartial:
			r := s.client.enc.byteRange(f, c.Range)
			f = f.Apply(r.Start, r.End, c.Text)
		}
	}
	doc := &Document{URI: old.URI, Version: p.TextDocument.Version, File: f}
	s.docs.set(key, doc)
	s.scheduleDiagnostics(key, doc, s.opts.DiagnosticsDelay)
}

func (s *Server) didClose(ctx context.Context, p *protocol.DidCloseTextDocumentParams) {
	doc := s.docs.get(p.TextDocument.URI)
	if doc == nil {
		return
	}
	s.docs.remove(p.TextDocument.URI)
	s.clearDiagnostics(p.TextDocument.URI, doc.URI)
	s.targetsClosed(p.TextDocument.URI)
}

// store holds the open documents, keyed by canonical URI. The map is copied
// on every write (writes come only from the read goroutine, one at a time),
// so a request can keep the whole set as it was when it arrived for free.
type store struct {
	mu   sync.Mutex
	docs atomic.Pointer[map[uri.URI]*Document]
}

func (st *store) all() map[uri.URI]*Document {
	if m := st.docs.Load(); m != nil {
		return *m
	}
	return nil
}

func (st *store) get(key uri.URI) *Document { return st.all()[key] }

func (st *store) set(key uri.URI, doc *Document) {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := maps.Clone(st.all())
	if m == nil {
		m = map[uri.URI]*Document{}
	}
	m[key] = doc
	st.docs.Store(&m)
}

func (st *store) remove(key uri.URI) {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := maps.Clone(st.all())
	delete(m, key)
	st.docs.Store(&m)
}

type documentsKey struct{}

func withDocuments(ctx context.Context, docs map[uri.URI]*Document) context.Context {
	return context.WithValue(ctx, documentsKey{}, docs)
}

// document returns the snapshot of an open document as the request that
// carries ctx saw it on arrival, or the current one outside requests.
func (s *Server) document(ctx context.Context, key uri.URI) (*Document, bool) {
	docs, ok := ctx.Value(documentsKey{}).(map[uri.URI]*Document)
	if !ok {
		docs = s.docs.all()
	}
	doc, ok := docs[key]
	if ok && isTargetsDocument(key) {
		return nil, false // Compose and Bake files have their own features (targets.go)
	}
	return doc, ok
}
