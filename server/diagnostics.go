package server

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Diagnostics are pushed with textDocument/publishDiagnostics, computed off
// the read goroutine after a debounce. A newer version cancels the run of an
// older one, whether it is still waiting or already analysing, and every
// publication carries the version it describes.

// diagnoser schedules analyses, one pending run per document at most.
type diagnoser struct {
	mu   sync.Mutex
	docs map[uri.URI]*docDiagnostics
}

// docDiagnostics is the diagnostics state of one document. It outlives
// didClose so that publications for a document stay ordered across a close
// and a reopen.
type docDiagnostics struct {
	cancel context.CancelFunc // of the latest scheduled run; guarded by diagnoser.mu
	last   *analysed          // the latest published analysis; guarded by diagnoser.mu
	// publishMu orders publications: a run checks that it is still current
	// and sends while holding it, so an older run can never publish after a
	// newer one or after the clear that follows didClose.
	publishMu sync.Mutex
}

// analysed is one document version's findings, kept for code actions.
type analysed struct {
	version int32
	file    *syntax.File
	diags   []analysis.Diagnostic
}

// entry returns the state of key, creating it; d.mu must be held.
func (d *diagnoser) entry(key uri.URI) *docDiagnostics {
	if d.docs == nil {
		d.docs = map[uri.URI]*docDiagnostics{}
	}
	e := d.docs[key]
	if e == nil {
		e = &docDiagnostics{}
		d.docs[key] = e
	}
	return e
}

// start cancels the pending run of key and returns the context of a new one.
func (d *diagnoser) start(parent context.Context, key uri.URI) (context.Context, *docDiagnostics) {
	d.mu.Lock()
	defer d.mu.Unlock()
	e := d.entry(key)
	if e.cancel != nil {
		e.cancel()
	}
	ctx, cancel := context.WithCancel(parent)
	e.cancel = cancel
	return ctx, e
}

func (d *diagnoser) cancelAll() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, e := range d.docs {
		if e.cancel != nil {
			e.cancel()
		}
	}
}

// Limits for huge files: BuildKit's checks take seconds and hundreds of
// megabytes on a file of megabytes, and an editor cannot show a hundred
// thousand diagnostics usefully.
const (
	// maxBuildKitBytes is the largest file BuildKit's checks run on.
	maxBuildKitBytes = 1 << 20
	// maxDiagnostics is how many diagnostics a document publishes, the last
	// of them saying how many more there are.
	maxDiagnostics = 1000
)

// boundedCheck runs check.Run within the limits above: beyond
// maxBuildKitBytes only the project's rules run, and a diagnostic on the
// first line says so.
func boundedCheck(ctx context.Context, f *syntax.File, cfg check.Config) []analysis.Diagnostic {
	if len(f.Text) <= maxBuildKitBytes || cfg.DisableBuildKit {
		return check.Run(ctx, f, cfg)
	}
	cfg.DisableBuildKit = true
	notice := analysis.Diagnostic{
		Range:    syntax.Range{Start: 0, End: f.Lines().LineEnd(0)},
		Severity: analysis.Information,
		Source:   "dockerfile-lsp",
		Message: fmt.Sprintf("BuildKit's checks were skipped: the file is %d KiB, more than the %d KiB they run on",
			len(f.Text)>>10, maxBuildKitBytes>>10),
	}
	return append([]analysis.Diagnostic{notice}, check.Run(ctx, f, cfg)...)
}

// capDiagnostics keeps the first maxDiagnostics-1 diagnostics and replaces
// the rest by one that counts them, at the position of the first one left out.
func capDiagnostics(diags []analysis.Diagnostic) []analysis.Diagnostic {
	if len(diags) <= maxDiagnostics {
		return diags
	}
	rest := diags[maxDiagnostics-1:]
	more := analysis.Diagnostic{
		Range:    syntax.Range{Start: rest[0].Range.Start, End: rest[0].Range.Start},
		Severity: analysis.Information,
		Source:   "dockerfile-lsp",
		Message:  fmt.Sprintf("%d more findings in this file are not shown (at most %d are)", len(rest), maxDiagnostics-1),
	}
	return append(slices.Clip(diags[:maxDiagnostics-1]), more)
}

// scheduleDiagnostics analyses open after delay, unless a newer version or a
// close comes first.
func (s *Server) scheduleDiagnostics(key uri.URI, open *openDocument, delay time.Duration) {
	ctx, e := s.diag.start(s.ctx, key)
	run := func() {
		if ctx.Err() != nil {
			return
		}
		doc := open.snapshot()
		if ctx.Err() != nil {
			return
		}
		diags := capDiagnostics(s.analyse(ctx, key, doc))
		params := &protocol.PublishDiagnosticsParams{
			URI:         doc.URI,
			Version:     protocol.NewOptional(doc.Version),
			Diagnostics: s.toProtocolDiagnostics(doc, diags),
		}
		e.publishMu.Lock()
		defer e.publishMu.Unlock()
		if ctx.Err() != nil {
			return // superseded while analysing
		}
		s.diag.mu.Lock()
		e.last = &analysed{version: doc.Version, file: doc.File, diags: diags}
		s.diag.mu.Unlock()
		s.notifyClient(protocol.MethodTextDocumentPublishDiagnostics, params)
	}
	if delay <= 0 {
		s.wg.Go(run)
		return
	}
	s.wg.Add(1)
	timer := time.AfterFunc(delay, func() {
		defer s.wg.Done()
		run()
	})
	// Stop the timer as soon as the run is cancelled, so a burst of typing
	// leaves no sleeping timers behind.
	context.AfterFunc(ctx, func() {
		if timer.Stop() {
			s.wg.Done()
		}
	})
}

// clearDiagnostics publishes an empty list for a closed document: editors
// keep showing the last list otherwise.
func (s *Server) clearDiagnostics(key uri.URI, clientURI uri.URI) {
	ctx, e := s.diag.start(s.ctx, key)
	s.diag.mu.Lock()
	e.last = nil
	s.diag.mu.Unlock()
	s.wg.Go(func() {
		e.publishMu.Lock()
		defer e.publishMu.Unlock()
		if ctx.Err() != nil {
			return // reopened meanwhile; that run publishes
		}
		s.notifyClient(protocol.MethodTextDocumentPublishDiagnostics, &protocol.PublishDiagnosticsParams{
			URI:         clientURI,
			Diagnostics: []protocol.Diagnostic{},
		})
	})
}

// findings returns the analysis of doc: the published one when it is of
// this very version, else a fresh run.
func (s *Server) findings(ctx context.Context, key uri.URI, doc *Document) []analysis.Diagnostic {
	s.diag.mu.Lock()
	var last *analysed
	if e := s.diag.docs[key]; e != nil {
		last = e.last
	}
	s.diag.mu.Unlock()
	if last != nil && last.file == doc.File {
		return last.diags
	}
	return s.analyse(ctx, key, doc)
}

// toProtocolDiagnostics converts findings; the result is never nil, since
// clients read "diagnostics": null as an error rather than as "none".
func (s *Server) toProtocolDiagnostics(doc *Document, diags []analysis.Diagnostic) []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(diags))
	cols := s.client.enc.columns(doc.File.Text, doc.File.Lines())
	for _, d := range diags {
		out = append(out, s.convertDiagnostic(doc, cols, d))
	}
	return out
}

func (s *Server) toProtocolDiagnostic(doc *Document, d analysis.Diagnostic) protocol.Diagnostic {
	return s.convertDiagnostic(doc, s.client.enc.columns(doc.File.Text, doc.File.Lines()), d)
}

// convertDiagnostic converts d with cols, which holds on to its place in a
// line from one diagnostic to the next.
func (s *Server) convertDiagnostic(doc *Document, cols *columns, d analysis.Diagnostic) protocol.Diagnostic {
	source := d.Source
	if source == "" {
		source = "dockerfile-lsp"
	}
	pd := protocol.Diagnostic{
		Range:    cols.rangeOf(d.Range),
		Severity: toProtocolSeverity(d.Severity),
		Source:   protocol.NewOptional(source),
		Message:  protocol.String(d.Message),
	}
	if d.Rule != "" {
		pd.Code = protocol.String(d.Rule)
	}
	if d.URL != "" {
		pd.CodeDescription = protocol.CodeDescription{Href: uri.URI(d.URL)}
	}
	if d.Unnecessary {
		pd.Tags = protocol.NewDiagnosticTags(protocol.DiagnosticTagUnnecessary)
	}
	for _, rel := range d.Related {
		pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: doc.URI, Range: cols.rangeOf(rel.Range)},
			Message:  rel.Message,
		})
	}
	return pd
}

func toProtocolSeverity(s analysis.Severity) protocol.DiagnosticSeverity {
	switch s {
	case analysis.Error:
		return protocol.DiagnosticSeverityError
	case analysis.Warning:
		return protocol.DiagnosticSeverityWarning
	case analysis.Information:
		return protocol.DiagnosticSeverityInformation
	}
	return protocol.DiagnosticSeverityHint
}
