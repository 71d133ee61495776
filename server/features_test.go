package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

const multiStage = `FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -o /app .

FROM alpine:3.20 AS unused
RUN echo hi

FROM scratch
COPY --from=build /app /app
COPY --from=
`

func TestDiagnosticsPublished(t *testing.T) {
	s := newSession(t, Options{DiagnosticsDelay: 20 * time.Millisecond})
	ctx := testContext(t)
	s.initialize(t, `{}`, nil)
	const uri = "file:///d/Dockerfile"
	s.open(t, uri, multiStage)
	d, err := s.NextDiagnostics(ctx, uri, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Version == nil || *d.Version != 1 {
		t.Errorf("published without version 1: %s", d.Raw)
	}
	var unused *lsptest.Diagnostic
	for i := range d.Diagnostics {
		if d.Diagnostics[i].Code == "UnusedStage" {
			unused = &d.Diagnostics[i]
		}
	}
	if unused == nil {
		t.Fatalf("no UnusedStage in %s", d.Raw)
	}
	if unused.Source != "dockerfile-lsp" || unused.Severity != 4 || !reflect.DeepEqual(unused.Tags, []int{1}) ||
		unused.CodeDescription == nil || !strings.Contains(unused.CodeDescription.Href, "#unusedstage") ||
		unused.Range != (lsptest.Range{Start: lsptest.Position{Line: 3}, End: lsptest.Position{Line: 4, Character: 11}}) {
		t.Errorf("UnusedStage published as %+v", *unused)
	}

	// Fix it: the next publication is an empty list, not null, for version 2.
	s.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": "FROM scratch\n"}},
	})
	d, err = s.NextDiagnostics(ctx, uri, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(d.Raw), `"diagnostics":[]`) || *d.Version != 2 {
		t.Errorf("clean document published as %s", d.Raw)
	}

	// Closing clears them.
	s.open(t, "file:///d/other", multiStage)
	if _, err := s.NextDiagnostics(ctx, "file:///d/other", nil); err != nil {
		t.Fatal(err)
	}
	s.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": "file:///d/other"}})
	d, err = s.NextDiagnostics(ctx, "file:///d/other", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(d.Raw), `"diagnostics":[]`) {
		t.Errorf("close published %s", d.Raw)
	}
}

// A burst of changes within the debounce is analysed once, for the last
// version: the older runs are cancelled before they publish.
func TestDiagnosticsDebounced(t *testing.T) {
	s := newSession(t, Options{DiagnosticsDelay: time.Hour})
	ctx := testContext(t)
	s.initialize(t, `{}`, nil)
	const uri = "file:///d/Dockerfile"
	s.open(t, uri, "FROM a AS x\n")
	if _, err := s.NextDiagnostics(ctx, uri, nil); err != nil { // didOpen is not debounced
		t.Fatal(err)
	}
	for v := 2; v <= 20; v++ {
		s.Notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{change(0, 11, 0, 11, "\n")},
		})
	}
	s.sync(t)
	// With an hour of debounce nothing was published; a settings change
	// analyses every open document at once, at its current version.
	s.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"dockerfile-lsp": map[string]any{"target": "x"}}})
	d, err := s.NextDiagnostics(ctx, uri, nil)
	if err != nil {
		t.Fatal(err)
	}
	if *d.Version != 20 {
		t.Errorf("published version %d, want only the last, 20", *d.Version)
	}
}

func TestSettings(t *testing.T) {
	s := newSession(t, Options{})
	ctx := testContext(t)
	s.initialize(t, `{}`, map[string]any{"severity": map[string]any{"UnusedStage": "error", "UnknownStage": "off"}})
	const uri = "file:///s/Dockerfile"
	s.open(t, uri, strings.Replace(multiStage, "COPY --from=\n", "COPY --from=biuld /a /b\n", 1))
	d, err := s.NextDiagnostics(ctx, uri, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Rules() != "UnusedStage" || d.Diagnostics[0].Severity != 1 {
		t.Errorf("with initializationOptions: %s", d.Raw)
	}
	// eglot's params: null keeps the settings.
	s.Notify("workspace/didChangeConfiguration", nil)
	s.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"dockerfile-lsp": map[string]any{"severity": map[string]any{"UnusedStage": "off"}}}})
	d, err = s.NextDiagnostics(ctx, uri, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Rules() != "UnknownStage" {
		t.Errorf("after didChangeConfiguration: %s", d.Raw)
	}
}

func TestParseSettings(t *testing.T) {
	for _, tc := range []struct {
		raw     string
		ok      bool
		want    settings
		wantErr string
	}{
		{``, false, settings{}, ""},
		{`null`, false, settings{}, ""},
		{`{}`, false, settings{}, ""},
		{`{"other-tool": {"x": 1}}`, false, settings{}, ""},
		{`{"target": "release"}`, true, settings{Check: checkConfig("release", nil)}, ""},
		{`{"dockerfile-lsp": {"severity": {"UnusedStage": "Warning", "X": "info"}}}`, true,
			settings{Check: checkConfig("", map[string]analysis.Severity{"UnusedStage": analysis.Warning, "X": analysis.Information})}, ""},
		{`{"dockerfile-lsp": {"severity": {"A": "loud", "B": "hint"}}}`, true,
			settings{Check: checkConfig("", map[string]analysis.Severity{"B": analysis.Hint})}, `A: unknown severity "loud"`},
		{`{"dockerfile-lsp": null}`, true, settings{}, ""},
		{`{"buildArgs": {"BASE": "alpine:3.20"}}`, true, settings{Check: check.Config{BuildArgs: map[string]string{"BASE": "alpine:3.20"}}}, ""},
		{`{"buildArgs": ["BASE"]}`, true, settings{}, "buildArgs must map"},
		{`{"context": "services/api"}`, true, settings{Context: "services/api"}, ""},
		{`{"dockerfile-lsp": {"context": 3}}`, true, settings{}, "context must be a folder path"},
		{`[1]`, false, settings{}, "must be a JSON object"},
	} {
		got, ok, err := parseSettings(protocol.LSPAny(tc.raw))
		if ok != tc.ok || (ok && !reflect.DeepEqual(*got, tc.want)) {
			t.Errorf("parseSettings(%s) = %+v, %v; want %+v, %v", tc.raw, got, ok, tc.want, tc.ok)
		}
		if (err == nil) != (tc.wantErr == "") || err != nil && !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("parseSettings(%s) error %v, want %q", tc.raw, err, tc.wantErr)
		}
	}
}

func TestCompletion(t *testing.T) {
	for _, tc := range []struct {
		name, caps string
		line, char int
	}{
		{"utf-16", `{}`, 8, 12},
		{"utf-8", `{"general":{"positionEncodings":["utf-8"]}}`, 8, 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, Options{})
			ctx := testContext(t)
			res := s.initialize(t, tc.caps, nil)
			const uri = "file:///c/Dockerfile"
			s.open(t, uri, multiStage)
			var list struct {
				IsIncomplete bool `json:"isIncomplete"`
				Items        []struct {
					Label    string `json:"label"`
					Kind     int    `json:"kind"`
					Detail   string `json:"detail"`
					TextEdit struct {
						Range   lsptest.Range `json:"range"`
						NewText string        `json:"newText"`
					} `json:"textEdit"`
				} `json:"items"`
			}
			err := s.Call(ctx, "textDocument/completion", map[string]any{
				"textDocument": map[string]any{"uri": uri}, "position": pos(tc.line, tc.char)}, &list)
			if err != nil {
				t.Fatal(err)
			}
			var labels []string
			for _, it := range list.Items {
				labels = append(labels, it.Label)
				want := lsptest.Range{Start: lsptest.Position{Line: 8, Character: 12}, End: lsptest.Position{Line: 8, Character: 12}}
				if it.TextEdit.Range != want || it.TextEdit.NewText == "" {
					t.Errorf("%s: text edit %+v", it.Label, it.TextEdit)
				}
			}
			if got := strings.Join(labels, ","); !strings.Contains(got, "build") || !strings.Contains(got, "unused") {
				t.Errorf("COPY --from= offers %s, want the stages", got)
			}
			if enc := res["capabilities"].(map[string]any)["positionEncoding"]; enc != tc.name {
				t.Errorf("negotiated %v", enc)
			}
		})
	}
}

func TestCodeAction(t *testing.T) {
	for _, tc := range []struct {
		name, caps string
		check      func(t *testing.T, raw json.RawMessage)
	}{
		{"literals with documentChanges", `{"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix"]}}}},"workspace":{"workspaceEdit":{"documentChanges":true}}}`,
			func(t *testing.T, raw json.RawMessage) {
				for _, want := range []string{`"kind":"quickfix"`, `"title":"Remove unused stage unused"`, `"documentChanges":[{"textDocument":{"uri":"file:///a/Docker%66ile","version":1}`, `"code":"UnusedStage"`, `"newText":""`} {
					if !strings.Contains(string(raw), want) {
						t.Errorf("no %s in %s", want, raw)
					}
				}
			}},
		{"literals with changes", `{"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix"]}}}}}`,
			func(t *testing.T, raw json.RawMessage) {
				if !strings.Contains(string(raw), `"changes":{"file:///a/Docker%66ile":[{"range":{"start":{"line":3,"character":0},"end":{"line":5,"character":0}},"newText":""}]}`) {
					t.Errorf("edit not in changes: %s", raw)
				}
			}},
		{"commands only", `{}`,
			func(t *testing.T, raw json.RawMessage) {
				if !strings.Contains(string(raw), `"command":"dockerfile-lsp.applyFix"`) || strings.Contains(string(raw), `"kind"`) {
					t.Errorf("want commands: %s", raw)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, Options{})
			ctx := testContext(t)
			s.initialize(t, tc.caps, nil)
			// An oddly spelled URI comes back as the client spelled it.
			const uri = "file:///a/Docker%66ile"
			s.open(t, uri, multiStage)
			var raw json.RawMessage
			err := s.Call(ctx, "textDocument/codeAction", map[string]any{
				"textDocument": map[string]any{"uri": uri},
				"range":        map[string]any{"start": pos(3, 5), "end": pos(3, 5)},
				"context":      map[string]any{"diagnostics": []any{}},
			}, &raw)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, raw)

			// only: ["refactor"] filters the quick fixes out.
			err = s.Call(ctx, "textDocument/codeAction", map[string]any{
				"textDocument": map[string]any{"uri": uri},
				"range":        map[string]any{"start": pos(3, 5), "end": pos(3, 5)},
				"context":      map[string]any{"diagnostics": []any{}, "only": []string{"refactor"}},
			}, &raw)
			if err != nil || string(raw) != "[]" {
				t.Errorf("only refactor: %s %v", raw, err)
			}
		})
	}
}

// A fix run as a command whose edit the editor refuses fails with
// RequestFailed and the editor's reason, not with an error code of 0.
func TestApplyFixRefused(t *testing.T) {
	s := newSession(t, Options{})
	ctx := testContext(t)
	s.OnRequest = func(method string, params json.RawMessage) (any, *lsptest.Error) {
		if method == "workspace/applyEdit" {
			return map[string]any{"applied": false, "failureReason": "the file changed"}, nil
		}
		return nil, nil
	}
	s.initialize(t, `{}`, nil)
	edit := map[string]any{"changes": map[string]any{"file:///a/Dockerfile": []any{
		map[string]any{"range": map[string]any{"start": pos(0, 0), "end": pos(0, 0)}, "newText": "# x\n"}}}}
	err := s.Call(ctx, "workspace/executeCommand", map[string]any{"command": "dockerfile-lsp.applyFix", "arguments": []any{edit}}, nil)
	var rpcErr *lsptest.Error
	if !errors.As(err, &rpcErr) || rpcErr.Code != int(protocol.LSPErrorCodesRequestFailed) || !strings.Contains(rpcErr.Message, "the file changed") {
		t.Errorf("refused edit: %v, want RequestFailed with the reason", err)
	}
}

func TestWants(t *testing.T) {
	for _, tc := range []struct {
		only []protocol.CodeActionKind
		want bool
	}{
		{nil, true},
		{[]protocol.CodeActionKind{"quickfix"}, true},
		{[]protocol.CodeActionKind{""}, true},
		{[]protocol.CodeActionKind{"refactor", "quickfix"}, true},
		{[]protocol.CodeActionKind{"quickfix.special"}, false},
		{[]protocol.CodeActionKind{"quick"}, false},
		{[]protocol.CodeActionKind{"source.fixAll"}, false},
	} {
		if got := wants(tc.only, protocol.CodeActionKindQuickFix); got != tc.want {
			t.Errorf("wants(%v) = %v", tc.only, got)
		}
	}
}

func checkConfig(target string, sev map[string]analysis.Severity) check.Config {
	return check.Config{Target: target, Severity: sev}
}

// Every request that takes a position answers at the very start of a file
// that begins with a byte-order mark, in every encoding, whether the cursor
// is before, inside or after the mark.
func TestByteOrderMarkAtStart(t *testing.T) {
	texts := []string{
		"\ufeffFROM alpine AS a\nCOPY --from=a / /\n",
		"\ufeff",
		"\ufeff\r\nFROM a\r\n",
		"\ufeff# syntax=docker/dockerfile:1\nFROM a\nRUN $X\n",
	}
	for _, enc := range []string{"utf-8", "utf-16", "utf-32"} {
		t.Run(enc, func(t *testing.T) {
			s := newSession(t, Options{})
			ctx := testContext(t)
			s.initialize(t, `{"general":{"positionEncodings":["`+enc+`"]},"textDocument":{"semanticTokens":{"formats":["relative"]}}}`, nil)
			for i, text := range texts {
				uri := fmt.Sprintf("file:///bom/%d/Dockerfile", i)
				s.open(t, uri, text)
				doc := map[string]any{"uri": uri}
				for char := range 4 {
					at := pos(0, char)
					rng := map[string]any{"start": at, "end": at}
					for method, params := range map[string]map[string]any{
						"textDocument/completion":           {"textDocument": doc, "position": at},
						"textDocument/hover":                {"textDocument": doc, "position": at},
						"textDocument/definition":           {"textDocument": doc, "position": at},
						"textDocument/references":           {"textDocument": doc, "position": at, "context": map[string]any{"includeDeclaration": true}},
						"textDocument/documentHighlight":    {"textDocument": doc, "position": at},
						"textDocument/prepareRename":        {"textDocument": doc, "position": at},
						"textDocument/rename":               {"textDocument": doc, "position": at, "newName": "b"},
						"textDocument/selectionRange":       {"textDocument": doc, "positions": []any{at}},
						"textDocument/codeAction":           {"textDocument": doc, "range": rng, "context": map[string]any{"diagnostics": []any{}}},
						"textDocument/inlayHint":            {"textDocument": doc, "range": rng},
						"textDocument/semanticTokens/range": {"textDocument": doc, "range": rng},
						"textDocument/rangeFormatting":      {"textDocument": doc, "range": rng, "options": map[string]any{"tabSize": 4, "insertSpaces": true}},
						"textDocument/onTypeFormatting":     {"textDocument": doc, "position": at, "ch": "\n", "options": map[string]any{"tabSize": 4, "insertSpaces": true}},
					} {
						var raw json.RawMessage
						// Refusals (nothing to rename here) are fine; failures are not.
						if err := s.Call(ctx, method, params, &raw); rpcCode(err) == int(jsonrpc2.InternalError) {
							t.Errorf("%s at 0:%d of %q: %v", method, char, text, err)
						}
					}
				}
			}
		})
	}
}

// A file with thousands of findings publishes at most maxDiagnostics, the
// last one counting the others; a file too big for BuildKit's checks says
// they were skipped.
func TestDiagnosticsBounded(t *testing.T) {
	s := newSession(t, Options{DiagnosticsDelay: -1})
	ctx := testContext(t)
	s.initialize(t, `{}`, nil)
	var b strings.Builder
	b.WriteString("FROM alpine\n")
	for b.Len() <= maxBuildKitBytes {
		b.WriteString("RUN apt-get install curl\nMAINTAINER x\n")
	}
	const uri = "file:///huge/Dockerfile"
	s.open(t, uri, b.String())
	d, err := s.NextDiagnostics(ctx, uri, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Diagnostics) != maxDiagnostics {
		t.Fatalf("%d diagnostics published, want %d", len(d.Diagnostics), maxDiagnostics)
	}
	if last := d.Diagnostics[len(d.Diagnostics)-1]; !strings.Contains(last.Message, "more findings in this file are not shown") {
		t.Errorf("last diagnostic %q, want the count of the others", last.Message)
	}
	if first := d.Diagnostics[0]; !strings.Contains(first.Message, "BuildKit's checks were skipped") {
		t.Errorf("first diagnostic %q, want the notice that BuildKit's checks were skipped", first.Message)
	}
}

// A misspelt rule name or a target naming no stage is shown to the user
// (window/showMessage) instead of silently doing nothing.
func TestSettingsTypos(t *testing.T) {
	s := newSession(t, Options{})
	ctx := testContext(t)
	s.initialize(t, `{}`, map[string]any{"severity": map[string]any{"UnusedStages": "off"}, "target": "tset"})
	for _, want := range []string{`unknown rule \"UnusedStages\" (did you mean \"UnusedStage\"?)`, `target \"tset\" names no stage`} {
		if want == `target \"tset\" names no stage` {
			s.open(t, "file:///s/Dockerfile", multiStage)
		}
		m, err := s.Next(ctx, func(m *lsptest.Message) bool { return m.Method == "window/showMessage" })
		if err != nil {
			t.Fatalf("no showMessage with %s: %v", want, err)
		}
		if !strings.Contains(string(m.Params), want) {
			t.Errorf("showMessage %s, want %s", m.Params, want)
		}
	}
}
