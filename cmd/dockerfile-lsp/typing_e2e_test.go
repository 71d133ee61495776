package main

// Typing over stdio against the real binary, as a user does: a word at 50 ms
// per key, then the wait for the diagnostics of the last version. The
// benchmark measures that wait; the test checks what the client is sent on
// the way: at most one publication per version, in version order, and no
// finding withdrawn and then sent again (flicker).

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

// keysPerWord is how many keys each typed word has; keyInterval the pause
// between them.
const (
	keysPerWord = 5
	keyInterval = 50 * time.Millisecond
)

// typingDoc is an open document being typed into.
type typingDoc struct {
	uri       string
	version   int
	line, col int // where the next key goes
}

// typingSpot is where a user would type in text: just after "RUN " on the
// first RUN line (a command being written), else at the start of the last
// line.
func typingSpot(text string) (line, col int) {
	for i, l := range strings.Split(text, "\n") {
		if len(l) > 4 && strings.EqualFold(l[:4], "RUN ") {
			return i, 4
		}
	}
	return strings.Count(text, "\n"), 0
}

// openForTyping opens text and waits for its first diagnostics, which it
// returns as the first publication.
func openForTyping(tb testing.TB, ctx context.Context, p *proc, uri, text string) (*typingDoc, *lsptest.Diagnostics) {
	tb.Helper()
	p.open(tb, uri, text)
	d, err := p.NextDiagnostics(ctx, uri, nil)
	if err != nil {
		tb.Fatal(err)
	}
	line, col := typingSpot(text)
	return &typingDoc{uri: uri, version: 1, line: line, col: col}, d
}

// typeWord types one word and returns the time from its last key to the
// diagnostics of the last version, with every publication received since
// the first key, in order.
func (t *typingDoc) typeWord(tb testing.TB, ctx context.Context, p *proc) (time.Duration, []*lsptest.Diagnostics) {
	tb.Helper()
	var last time.Time
	for k := range keysPerWord {
		t.version++
		last = time.Now()
		p.Notify("textDocument/didChange", map[string]any{
			"textDocument": map[string]any{"uri": t.uri, "version": t.version},
			"contentChanges": []any{map[string]any{
				"range": map[string]any{"start": pos(t.line, t.col), "end": pos(t.line, t.col)}, "text": "x"}},
		})
		t.col++
		if k < keysPerWord-1 {
			time.Sleep(keyInterval)
		}
	}
	var pubs []*lsptest.Diagnostics
	for {
		d, err := p.NextDiagnostics(ctx, t.uri, nil)
		if err != nil {
			tb.Fatalf("waiting for version %d: %v", t.version, err)
		}
		pubs = append(pubs, d)
		if d.Version != nil && *d.Version == t.version {
			return time.Since(last), pubs
		}
	}
}

// BenchmarkE2ETypingSettled: the last keystroke → the diagnostics of that
// version, with the server's default scheduling, on the bench file, the
// 2,000-line file and the real corpus (one word per file, file after file).
func BenchmarkE2ETypingSettled(b *testing.B) {
	large, _ := largeDockerfile()
	fifty := analysistest.ReadFile(b, filepath.Join("..", "..", "testdata", "bench", "fifty-lines.Dockerfile"))
	for _, c := range []struct {
		name  string
		texts func(b *testing.B) []string
	}{
		{"fifty-lines", func(*testing.B) []string { return []string{fifty} }},
		{"2000-lines", func(*testing.B) []string { return []string{large} }},
		{"real-corpus", func(b *testing.B) []string {
			var texts []string
			for _, f := range corpus.Files(b, "real") {
				texts = append(texts, corpus.Read(b, f))
			}
			return texts
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			texts := c.texts(b)
			p := start(b)
			ctx := ctxFor(b)
			p.initialize(b, clientCaps)
			docs := map[int]*typingDoc{}
			samples := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				n := i % len(texts)
				doc := docs[n]
				if doc == nil {
					b.StopTimer()
					doc, _ = openForTyping(b, ctx, p, fmt.Sprintf("file:///bench/typing/%d/Dockerfile", n), texts[n])
					docs[n] = doc
					b.StartTimer()
				}
				settled, _ := doc.typeWord(b, ctx, p)
				samples = append(samples, settled)
			}
			b.StopTimer()
			analysistest.ReportLatency(b, "", samples)
		})
	}
}

// TestE2ETypingPublications: typing a word sends each version's
// diagnostics at most once, versions in order, and never withdraws a
// finding only to send it again, on the bench file, the 2,000-line file and
// a sample of the real corpus.
func TestE2ETypingPublications(t *testing.T) {
	if testing.Short() {
		t.Skip("types at human speed")
	}
	large, _ := largeDockerfile()
	texts := map[string]string{
		"fifty-lines": analysistest.ReadFile(t, filepath.Join("..", "..", "testdata", "bench", "fifty-lines.Dockerfile")),
		"2000-lines":  large,
	}
	if files, err := corpus.List("real"); err == nil {
		for i := 0; i < len(files); i += len(files)/24 + 1 {
			texts[filepath.Base(files[i])] = corpus.Read(t, files[i])
		}
	} else {
		t.Logf("typing only into the bench files: %v", err)
	}
	p := start(t)
	ctx := ctxFor(t)
	p.initialize(t, clientCaps)
	n := 0
	for name, text := range texts {
		n++
		doc, first := openForTyping(t, ctx, p, fmt.Sprintf("file:///typing/%d/Dockerfile", n), text)
		_, pubs := doc.typeWord(t, ctx, p)
		if msg := publicationProblem(append([]*lsptest.Diagnostics{first}, pubs...)); msg != "" {
			t.Errorf("%s: %s", name, msg)
		}
	}
}

// publicationProblem describes what is wrong with a sequence of
// publications for one document: a version sent twice or out of order, or
// a finding that disappears and comes back.
func publicationProblem(pubs []*lsptest.Diagnostics) string {
	last := 0
	gone := map[string]int{} // finding → version of the publication that withdrew it
	var before map[string]bool
	for _, d := range pubs {
		if d.Version == nil {
			return "a publication without a version"
		}
		v := *d.Version
		if v <= last {
			return fmt.Sprintf("version %d published after version %d", v, last)
		}
		last = v
		now := map[string]bool{}
		for _, f := range d.Diagnostics {
			key := fmt.Sprintf("%s|%d|%s", f.Code, f.Range.Start.Line, f.Message)
			now[key] = true
			if w, ok := gone[key]; ok {
				return fmt.Sprintf("%s withdrawn at version %d and sent again at version %d", key, w, v)
			}
		}
		for key := range before {
			if !now[key] {
				gone[key] = v
			}
		}
		before = now
	}
	return ""
}

func TestPublicationProblem(t *testing.T) {
	pub := func(v int, codes ...string) *lsptest.Diagnostics {
		d := &lsptest.Diagnostics{Version: &v}
		for _, c := range codes {
			d.Diagnostics = append(d.Diagnostics, lsptest.Diagnostic{Code: c, Message: c})
		}
		return d
	}
	for _, c := range []struct {
		name string
		pubs []*lsptest.Diagnostics
		bad  bool
	}{
		{"steady", []*lsptest.Diagnostics{pub(1, "A"), pub(3, "A"), pub(6, "A", "B")}, false},
		{"withdrawn for good", []*lsptest.Diagnostics{pub(1, "A", "B"), pub(2, "B"), pub(3)}, false},
		{"flicker", []*lsptest.Diagnostics{pub(1, "A"), pub(2), pub(3, "A")}, true},
		{"twice", []*lsptest.Diagnostics{pub(1, "A"), pub(2, "A"), pub(2, "A")}, true},
		{"out of order", []*lsptest.Diagnostics{pub(1), pub(3), pub(2)}, true},
	} {
		if got := publicationProblem(c.pubs); (got != "") != c.bad {
			t.Errorf("%s: %q", c.name, got)
		}
	}
}
