package server

import (
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/filekind"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// sync returns once the server has handled everything sent before: a
// request is handled after all the notifications that precede it.
func (s *session) sync(t *testing.T) {
	t.Helper()
	err := s.Call(testContext(t), "textDocument/completion", map[string]any{
		"textDocument": map[string]any{"uri": "file:///not/open"}, "position": pos(0, 0)}, nil)
	if err != nil {
		t.Fatal(err)
	}
}

func pos(line, char int) map[string]any { return map[string]any{"line": line, "character": char} }

func change(sl, sc, el, ec int, text string) map[string]any {
	return map[string]any{"range": map[string]any{"start": pos(sl, sc), "end": pos(el, ec)}, "text": text}
}

func TestDidChange(t *testing.T) {
	for _, tc := range []struct {
		name     string
		caps     string
		text     string
		changes  []any
		want     string
		wantVers int
	}{
		{"insert", `{}`, "FROM a\n", []any{change(0, 6, 0, 6, "lpine")}, "FROM alpine\n", 2},
		{"delete across lines", `{}`, "FROM a\nRUN x\nRUN y\n", []any{change(0, 6, 2, 0, "\n")}, "FROM a\nRUN y\n", 2},
		{"several changes apply in order", `{}`, "abc", []any{change(0, 0, 0, 1, "X"), change(0, 1, 0, 2, "Y"), change(0, 3, 0, 3, "!")}, "XYc!", 2},
		{"no range replaces everything", `{}`, "FROM a\n", []any{map[string]any{"text": "FROM b\n"}}, "FROM b\n", 2},
		{"full then partial", `{}`, "old", []any{map[string]any{"text": "FROM b\n"}, change(1, 0, 1, 0, "RUN c")}, "FROM b\nRUN c", 2},
		{"CRLF: past the line end stops before CR", `{}`, "FROM a\r\nRUN b\r\n", []any{change(0, 50, 0, 50, "x")}, "FROM ax\r\nRUN b\r\n", 2},
		{"lone CR ends a line", `{}`, "A\rB\rC", []any{change(2, 0, 2, 1, "Z")}, "A\rB\rZ", 2},
		{"utf-16 after an emoji", `{}`, "RUN 😀x\n", []any{change(0, 6, 0, 7, "y")}, "RUN 😀y\n", 2},
		{"utf-8 after an emoji", `{"general":{"positionEncodings":["utf-8","utf-16"]}}`, "RUN 😀x\n", []any{change(0, 8, 0, 9, "y")}, "RUN 😀y\n", 2},
		{"utf-32 after an emoji", `{"general":{"positionEncodings":["utf-32"]}}`, "RUN 😀x\n", []any{change(0, 5, 0, 6, "y")}, "RUN 😀y\n", 2},
		{"after a BOM", `{}`, "\ufeffFROM a", []any{change(0, 1, 0, 5, "from")}, "\ufefffrom a", 2},
		{"past the end appends", `{}`, "FROM a", []any{change(9, 9, 12, 0, "\nRUN b")}, "FROM a\nRUN b", 2},
		{"reversed range is put in order", `{}`, "abcdef", []any{change(0, 4, 0, 1, "-")}, "a-ef", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, Options{DiagnosticsDelay: time.Hour})
			s.initialize(t, tc.caps, nil)
			const uri = "file:///w/Dockerfile"
			s.open(t, uri, tc.text)
			s.Notify("textDocument/didChange", map[string]any{
				"textDocument":   map[string]any{"uri": uri, "version": 2},
				"contentChanges": tc.changes,
			})
			s.sync(t)
			doc := s.srv.docs.get(uri).snapshot()
			if doc.File.Text != tc.want || int(doc.Version) != tc.wantVers {
				t.Errorf("got version %d %q, want version %d %q", doc.Version, doc.File.Text, tc.wantVers, tc.want)
			}
		})
	}
}

// The incremental result is the same snapshot a fresh parse gives.
func TestDidChangeMatchesParse(t *testing.T) {
	s := newSession(t, Options{DiagnosticsDelay: time.Hour})
	s.initialize(t, `{}`, nil)
	const uri = "file:///w/Dockerfile"
	s.open(t, uri, "FROM golang AS build\nRUN go build\n\nFROM scratch\nCOPY --from=build /a /a\n")
	s.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{change(0, 15, 0, 20, "builder"), change(4, 12, 4, 17, "builder")},
	})
	s.sync(t)
	doc := s.srv.docs.get(uri).snapshot()
	if got := doc.File.Instructions()[len(doc.File.Instructions())-1].Text(); got != "COPY --from=builder /a /a" {
		t.Errorf("last instruction %q", got)
	}
}

// Changes only edit the text; the snapshot built later, after any number of
// them, is the text a plain string edit gives and scans like it. Snapshots
// are taken at random points, as requests and diagnostics runs would.
func TestEditedThenSnapshot(t *testing.T) {
	lines := []string{"FROM alpine AS a\n", "RUN echo é\n", "# comment\n", "\n", "COPY --from=a / /\n", "ENV A=1 B=2\r\n", "WORKDIR /😀\n"}
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 300 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(lines[rng.IntN(len(lines))])
		}
		want := b.String()
		doc := &openDocument{uri: "file:///r", version: 1, kind: filekind.Dockerfile, text: want}
		for v := range 20 {
			var changes []protocol.TextDocumentContentChangeEvent
			for range 1 + rng.IntN(3) {
				start := rng.IntN(len(want) + 1)
				end := start + rng.IntN(len(want)-start+1)
				for !utf8.RuneStart(at(want, start)) || !utf8.RuneStart(at(want, end)) || splitsCRLF(want, start) || splitsCRLF(want, end) {
					start, end = max(0, start-1), max(0, end-1)
					start = min(start, end)
				}
				line := lines[rng.IntN(len(lines))]
				insert := line[:min(len(line), rng.IntN(4))]
				index := syntax.NewLineIndex(want)
				changes = append(changes, &protocol.TextDocumentContentChangePartial{
					Range: protocol.Range{Start: encUTF8.position(want, index, start), End: encUTF8.position(want, index, end)},
					Text:  insert,
				})
				want = want[:start] + insert + want[end:]
			}
			doc = doc.edited(encUTF8, int32(v+2), changes)
			if rng.IntN(4) > 0 {
				continue
			}
			f := doc.snapshot().File
			if f.Text != want {
				t.Fatalf("round %d, version %d: snapshot text %q, want %q", round, v+2, f.Text, want)
			}
			fresh := syntax.Parse(want)
			if got, wantNodes := nodeTexts(f), nodeTexts(fresh); got != wantNodes {
				t.Fatalf("round %d, version %d: %q scans as %s, a fresh scan as %s", round, v+2, want, got, wantNodes)
			}
			if f.Lines().Lines() != fresh.Lines().Lines() {
				t.Fatalf("round %d: %d lines, want %d", round, f.Lines().Lines(), fresh.Lines().Lines())
			}
		}
	}
}

func at(s string, i int) byte {
	if i >= len(s) {
		return 0
	}
	return s[i]
}

func splitsCRLF(s string, i int) bool { return i > 0 && i < len(s) && s[i-1] == '\r' && s[i] == '\n' }

func nodeTexts(f *syntax.File) string {
	var out []string
	for i := range f.Len() {
		n := f.Node(i)
		out = append(out, fmt.Sprintf("%d:%q", n.Offset, n.Text()))
	}
	return strings.Join(out, " ")
}

// The memory limit grows with the large documents open and comes back down
// when they close; small documents leave it alone.
func TestMemoryLimitFollowsLargeDocuments(t *testing.T) {
	// The server sets the test process's own limit: put it back after.
	prev := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(prev) })
	s := newSession(t, Options{DiagnosticsDelay: time.Hour, MemoryLimit: 20 << 20})
	s.initialize(t, `{}`, nil)
	limit := func() int64 { s.sync(t); return s.srv.mem.limit }
	s.open(t, "file:///m/small", "FROM a\n")
	if got := limit(); got != 20<<20 {
		t.Errorf("with a small file open: limit %d, want the base %d", got, 20<<20)
	}
	big := strings.Repeat("RUN x\n", (2<<20)/6)
	s.open(t, "file:///m/big", big)
	want := memoryLimit(20<<20, int64(len(big)-largeDocument))
	if got := limit(); got != want || got < 20<<20+32*(1<<20) {
		t.Errorf("with a 2 MB file open: limit %d, want %d", got, want)
	}
	s.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": "file:///m/big"}})
	if got := limit(); got != 20<<20 {
		t.Errorf("after closing it: limit %d, want the base %d", got, 20<<20)
	}
}

// Only a Dockerfile is scanned as one: another kind's snapshot holds its
// text and no instructions, whatever the text looks like.
func TestSnapshotScansOnlyDockerfiles(t *testing.T) {
	const text = "FROM alpine\nRUN echo hi\n"
	for kind, want := range map[filekind.Kind]int{filekind.Dockerfile: 2, filekind.Compose: 0, filekind.Bake: 0, filekind.Dockerignore: 0, filekind.Other: 0} {
		doc := &openDocument{uri: "file:///x", version: 1, kind: kind, text: text}
		f := doc.snapshot().File
		if f.Len() != want || f.Text != text || f.Lines().Lines() != 3 {
			t.Errorf("%s: %d nodes, %d lines, want %d nodes and the text", kind, f.Len(), f.Lines().Lines(), want)
		}
	}
}
