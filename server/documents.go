package server

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/filekind"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
)

// Document is an immutable snapshot of an open document at one version.
// Features are functions of a snapshot: they never see a half-applied edit.
type Document struct {
	// URI is the client's own spelling, used in everything sent back: the
	// protocol decoder canonicalises URIs (file:///C:/a+b becomes
	// file:///c%3A/a%2Bb), and a client may not recognise the canonical form.
	URI     uri.URI
	Version int32
	// Kind is decided once, at didOpen, from the file name and languageId;
	// features dispatch on it and a Dockerfile feature never sees another
	// kind. File is the text's scan for a Dockerfile; for the other kinds
	// it is only the text (syntax.Plain), whose line index they use.
	Kind filekind.Kind
	File *syntax.File
}

// Model returns the semantic model of the snapshot, shared by the requests
// and the diagnostics run on this version. It lives in the engine's bounded
// cache (analysis/cache), not in the snapshot: a model per open document
// would cost memory for files nobody is looking at.
func (d *Document) Model() *model.Model { return model.Of(d.File) }

func init() {
	notifications[protocol.MethodTextDocumentDidOpen] = (*Server).didOpen
	handleNotification(protocol.MethodTextDocumentDidChange, (*Server).didChange)
	handleNotification(protocol.MethodTextDocumentDidClose, (*Server).didClose)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		open, incremental := true, protocol.TextDocumentSyncKindIncremental
		c.TextDocumentSync = &protocol.TextDocumentSyncOptions{OpenClose: &open, Change: &incremental, Save: &protocol.SaveOptions{}}
	})
}

// openDocument is an open document at one version, as the read goroutine
// leaves it: the text and its line index, which applying the next change
// needs, and the syntax, which only features need. The read goroutine never
// scans: a change records which bytes it touched, and the scanner runs on
// the first goroutine that asks for the snapshot (a request, a diagnostics
// run), once per version, however many changes came in between.
type openDocument struct {
	uri     uri.URI // the client's spelling
	version int32
	kind    filekind.Kind

	mu    sync.Mutex // guards what follows, never held while scanning
	text  string
	lines *syntax.LineIndex // nil until a change needs it
	doc   *Document         // the snapshot, once built
	// Until then, the snapshot is base (nil: none, scan the text afresh)
	// with bytes [lo, len(base.Text)-tail) replaced by the text between
	// lo and len(text)-tail: the changes since base, merged into the one
	// span they touched, so building it costs one incremental update.
	base     *syntax.File
	lo, tail int

	build sync.Mutex // held while building the snapshot, so it is built once
}

// size is the length of the document's text.
func (d *openDocument) size() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.text)
}

// currentText is the document's text at its version, scanned or not: the
// workspace file source needs no syntax.
func (d *openDocument) currentText() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.text
}

// snapshot returns the document's snapshot, building it on first use.
func (d *openDocument) snapshot() *Document {
	d.mu.Lock()
	doc := d.doc
	d.mu.Unlock()
	if doc != nil {
		return doc
	}
	d.build.Lock()
	defer d.build.Unlock()
	d.mu.Lock()
	doc, text, base, lo, tail := d.doc, d.text, d.base, d.lo, d.tail
	d.mu.Unlock()
	if doc != nil {
		return doc // built while this goroutine waited
	}
	var f *syntax.File
	switch {
	case d.kind != filekind.Dockerfile:
		f = syntax.Plain(text) // nothing reads instructions of another kind
	case base == nil:
		f = syntax.Parse(text)
	default:
		// With no change at all, lo and tail are both the whole length.
		lo = min(lo, len(text), len(base.Text))
		tail = min(tail, len(text)-lo, len(base.Text)-lo)
		f = base.Apply(lo, len(base.Text)-tail, text[lo:len(text)-tail])
	}
	doc = &Document{URI: d.uri, Version: d.version, Kind: d.kind, File: f}
	d.mu.Lock()
	// The snapshot's text is equal to d.text: keep one copy.
	d.doc, d.text, d.base = doc, f.Text, nil
	if d.lines != nil {
		d.lines = f.Lines()
	}
	d.mu.Unlock()
	return doc
}

// edited returns the next version of d: its text with each change applied
// in order, each to the result of the one before. Positions are converted
// with the text's own line index, updated edit by edit; nothing is scanned.
func (d *openDocument) edited(enc encoding, version int32, changes []protocol.TextDocumentContentChangeEvent) *openDocument {
	d.mu.Lock()
	next := &openDocument{uri: d.uri, version: version, kind: d.kind, text: d.text, lines: d.lines, base: d.base, lo: d.lo, tail: d.tail}
	if d.doc != nil {
		next.base, next.lo, next.tail = d.doc.File, len(d.text), len(d.text)
	}
	d.mu.Unlock()
	for _, change := range changes {
		switch c := change.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			next.text, next.lines, next.base = c.Text, nil, nil
		case *protocol.TextDocumentContentChangePartial:
			if next.lines == nil {
				next.lines = syntax.NewLineIndex(next.text)
			}
			start := enc.offset(next.text, next.lines, c.Range.Start)
			end := enc.offset(next.text, next.lines, c.Range.End)
			if end < start {
				start, end = end, start
			}
			text := next.text[:start] + c.Text + next.text[end:]
			next.lo, next.tail = min(next.lo, start), min(next.tail, len(next.text)-end)
			next.lines = next.lines.Edited(text, start, end, len(c.Text))
			next.text = text
		}
	}
	return next
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
	doc := &openDocument{
		uri: clientURI, version: p.TextDocument.Version, text: strings.Clone(p.TextDocument.Text),
		kind: filekind.Of(key.Path(), string(p.TextDocument.LanguageID)),
	}
	if old := s.docs.get(key); old != nil {
		s.resized(len(old.text), 0)
	}
	s.resized(0, len(doc.text))
	s.docs.set(key, doc)
	s.scheduleDiagnostics(key, doc, 0)
	return nil
}

// didChange applies the changes in order. It runs on the read goroutine, in
// wire order, and does no more than edit the text (see openDocument).
func (s *Server) didChange(ctx context.Context, p *protocol.DidChangeTextDocumentParams) {
	key := p.TextDocument.URI
	old := s.docs.get(key)
	if old == nil {
		s.log.Warn("change to a document that is not open", zap.String("uri", string(key)))
		return
	}
	doc := old.edited(s.client.enc, p.TextDocument.Version, p.ContentChanges)
	s.resized(old.size(), len(doc.text))
	s.docs.set(key, doc)
	s.scheduleDiagnostics(key, doc, s.opts.DiagnosticsDelay)
}

func (s *Server) didClose(ctx context.Context, p *protocol.DidCloseTextDocumentParams) {
	doc := s.docs.get(p.TextDocument.URI)
	if doc == nil {
		return
	}
	s.docs.remove(p.TextDocument.URI)
	s.resized(doc.size(), 0)
	s.clearDiagnostics(p.TextDocument.URI, doc.uri)
	s.targetsClosed(p.TextDocument.URI)
	s.contextDocClosed(p.TextDocument.URI)
}

// store holds the open documents, keyed by canonical URI. The map is copied
// on every write (writes come only from the read goroutine, one at a time),
// so a request can keep the whole set as it was when it arrived for free.
type store struct {
	mu   sync.Mutex
	docs atomic.Pointer[map[uri.URI]*openDocument]
}

func (st *store) all() map[uri.URI]*openDocument {
	if m := st.docs.Load(); m != nil {
		return *m
	}
	return nil
}

func (st *store) get(key uri.URI) *openDocument { return st.all()[key] }

func (st *store) set(key uri.URI, doc *openDocument) {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := maps.Clone(st.all())
	if m == nil {
		m = map[uri.URI]*openDocument{}
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

// requestDocuments are the open documents as a request saw them on arrival,
// and the workspace file source made of them, built on first use.
type requestDocuments struct {
	docs  map[uri.URI]*openDocument
	once  sync.Once
	files *wsfile.Source
}

func withDocuments(ctx context.Context, docs map[uri.URI]*openDocument) context.Context {
	return context.WithValue(ctx, documentsKey{}, &requestDocuments{docs: docs})
}

// openDocumentsAt returns the open documents as the request that carries ctx
// saw them on arrival, or the current ones outside requests.
func (s *Server) openDocumentsAt(ctx context.Context) map[uri.URI]*openDocument {
	if rd, ok := ctx.Value(documentsKey{}).(*requestDocuments); ok {
		return rd.docs
	}
	return s.docs.all()
}

// files is the workspace as the request that carries ctx sees it (or as it
// is now, outside requests): the texts of its open documents over the disk,
// within the workspace folders. Every file the server or the engine reads
// for a request goes through it, once per request.
func (s *Server) files(ctx context.Context) *wsfile.Source {
	rd, ok := ctx.Value(documentsKey{}).(*requestDocuments)
	if !ok {
		return s.filesOf(s.docs.all())
	}
	rd.once.Do(func() { rd.files = s.filesOf(rd.docs) })
	return rd.files
}

func (s *Server) filesOf(docs map[uri.URI]*openDocument) *wsfile.Source {
	open := make(map[string]string, len(docs))
	for key, doc := range docs {
		if key.IsFile() {
			open[fsPath(key)] = doc.currentText()
		}
	}
	return &wsfile.Source{Roots: s.ws.roots, Open: open}
}

// document returns the snapshot of an open Dockerfile as the request that
// carries ctx saw it on arrival, or the current one outside requests. Other
// kinds have their own features (targets.go): ok is false for them.
func (s *Server) document(ctx context.Context, key uri.URI) (*Document, bool) {
	return s.documentOf(ctx, key, filekind.Dockerfile)
}

// documentOf returns the snapshot of an open document of one of the kinds
// given (any kind when none is given).
func (s *Server) documentOf(ctx context.Context, key uri.URI, kinds ...filekind.Kind) (*Document, bool) {
	doc, ok := s.openDocumentsAt(ctx)[key]
	if !ok || ctx.Err() != nil {
		return nil, false // a cancelled request scans nothing
	}
	if len(kinds) > 0 && !slices.Contains(kinds, doc.kind) {
		return nil, false
	}
	return doc.snapshot(), ctx.Err() == nil
}

// kindOf is the kind of an open document, or what its name says of a
// closed one.
func (s *Server) kindOf(key uri.URI) filekind.Kind {
	if doc := s.docs.get(key); doc != nil {
		return doc.kind
	}
	return filekind.ByName(key.Path())
}
