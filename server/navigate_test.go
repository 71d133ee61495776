package server

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	unicode16 "unicode/utf16"

	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

// marked splits a test text into the text and the UTF-16 position of its
// <|> cursor marker.
func marked(t *testing.T, input string) (string, lsptest.Position) {
	t.Helper()
	i := strings.Index(input, "<|>")
	if i < 0 {
		t.Fatalf("no cursor in %q", input)
	}
	text := input[:i] + input[i+3:]
	return text, utf16Pos(text, i)
}

func utf16Pos(text string, off int) lsptest.Position {
	before := text[:off]
	line := strings.Count(before, "\n")
	col := before[strings.LastIndexByte(before, '\n')+1:]
	col = strings.TrimSuffix(col, "\r")
	return lsptest.Position{Line: line, Character: len(unicode16.Encode([]rune(col)))}
}

// textOf is the text an LSP range (UTF-16 columns) covers in text.
func textOf(text string, r lsptest.Range) string {
	lines := strings.SplitAfter(text, "\n")
	off := func(p lsptest.Position) int {
		o := 0
		for i := 0; i < p.Line && i < len(lines); i++ {
			o += len(lines[i])
		}
		if p.Line >= len(lines) {
			return o
		}
		units := 0
		for i, r := range lines[p.Line] {
			if units >= p.Character {
				return o + i
			}
			units += len(unicode16.Encode([]rune{r}))
		}
		return o + len(lines[p.Line])
	}
	return text[off(r.Start):off(r.End)]
}

type location struct {
	URI   string        `json:"uri"`
	Range lsptest.Range `json:"range"`
}

func posParams(uri string, pos lsptest.Position) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": pos}
}

const docURI = "file:///work/Dockerfile"

// openAt starts a session, opens the marked text and returns it with the cursor.
func openAt(t *testing.T, capabilities, input string) (*session, string, lsptest.Position) {
	t.Helper()
	s := newSession(t, Options{DiagnosticsDelay: -1})
	s.initialize(t, capabilities, nil)
	text, pos := marked(t, input)
	s.open(t, docURI, text)
	return s, text, pos
}

func spans(text string, locs []location) string {
	var out []string
	for _, l := range locs {
		out = append(out, fmt.Sprintf("%d:%q", l.Range.Start.Line, textOf(text, l.Range)))
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func TestDefinitionLSP(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{"copy from with more flags", "FROM golang:1.22 AS build\nFROM alpine\nCOPY --from=bu<|>ild --chown=1:1 /a /b\n", `0:"build"`},
		{"copy from with nothing after", "FROM golang:1.22 AS build\nFROM alpine\nCOPY --from=<|>", ``},
		{"stage declared later is not reachable by FROM", "FROM bu<|>ild\nFROM alpine AS build\n", ``},
		{"env from a parent stage", "FROM alpine AS base\nENV APP=/app\nFROM base\nRUN echo $A<|>PP\n", `1:"APP"`},
		{"arg before the first FROM", "ARG V=1\nFROM alpine:${V<|>:-2}\n", `0:"V"`},
		{"escape backtick", "# escape=`\nFROM alpine AS build\nFROM alpine\nCOPY `\n  --from=bu<|>ild /a /b\n", `1:"build"`},
		{"crlf", "FROM alpine AS build\r\nFROM alpine\r\nCOPY --from=bu<|>ild /a /b\r\n", `0:"build"`},
		{"heredoc with tabs", "FROM alpine\nRUN <<-EOT\n\techo hi\n\tEO<|>T\n", `1:"EOT"`},
		{"utf-16 columns", "FROM alpine\nARG V\nRUN echo \"😀 é\" $V<|>\n", `1:"V"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, text, pos := openAt(t, `{}`, tt.input)
			var locs []location
			if err := s.Call(testContext(t), "textDocument/definition", posParams(docURI, pos), &locs); err != nil {
				t.Fatal(err)
			}
			if got := spans(text, locs); got != tt.want {
				t.Errorf("definition = %s, want %s", got, tt.want)
			}
			for _, l := range locs {
				if l.URI != docURI {
					t.Errorf("location URI %q, want the client's %q", l.URI, docURI)
				}
			}
		})
	}
}

func TestReferencesAndHighlightsLSP(t *testing.T) {
	s, text, pos := openAt(t, `{}`, "FROM alpine AS build\nFROM build AS x\nFROM alpine\nCOPY --from=BUILD /a /b\nCOPY --from=bu<|>ild --chown=1:1 /c /d\n")
	ctx := testContext(t)
	for _, tc := range []struct {
		include bool
		want    string
	}{
		{true, `0:"build" 1:"build" 3:"BUILD" 4:"build"`},
		{false, `1:"build" 3:"BUILD" 4:"build"`},
	} {
		params := posParams(docURI, pos)
		params["context"] = map[string]any{"includeDeclaration": tc.include}
		var locs []location
		if err := s.Call(ctx, "textDocument/references", params, &locs); err != nil {
			t.Fatal(err)
		}
		if got := spans(text, locs); got != tc.want {
			t.Errorf("references(includeDeclaration=%v) = %s, want %s", tc.include, got, tc.want)
		}
	}
	var hs []struct {
		Range lsptest.Range `json:"range"`
		Kind  int           `json:"kind"`
	}
	if err := s.Call(ctx, "textDocument/documentHighlight", posParams(docURI, pos), &hs); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hs {
		got = append(got, fmt.Sprintf("%d:%s:%d", h.Range.Start.Line, textOf(text, h.Range), h.Kind))
	}
	if want := "0:build:3 1:build:2 3:BUILD:2 4:build:2"; strings.Join(got, " ") != want {
		t.Errorf("highlights = %s, want %s", strings.Join(got, " "), want)
	}
	// Nothing at the cursor: an empty list, not null.
	var raw []any
	if err := s.Call(ctx, "textDocument/documentHighlight", posParams(docURI, lsptest.Position{Line: 2, Character: 1}), &raw); err != nil || raw == nil {
		t.Errorf("highlights on a keyword = %v, %v; want []", raw, err)
	}
}

func TestRenameLSP(t *testing.T) {
	const withPrepare = `{"textDocument": {"rename": {"prepareSupport": true}}}`
	t.Run("capabilities", func(t *testing.T) {
		s := newSession(t, Options{})
		caps := s.initialize(t, withPrepare, nil)["capabilities"].(map[string]any)
		if rp, ok := caps["renameProvider"].(map[string]any); !ok || rp["prepareProvider"] != true {
			t.Errorf("renameProvider = %v, want prepareProvider for a client with prepareSupport", caps["renameProvider"])
		}
		s2 := newSession(t, Options{})
		caps = s2.initialize(t, `{}`, nil)["capabilities"].(map[string]any)
		if caps["renameProvider"] != true {
			t.Errorf("renameProvider = %v, want true for a client without prepareSupport", caps["renameProvider"])
		}
	})
	t.Run("prepare", func(t *testing.T) {
		s, text, pos := openAt(t, withPrepare, "FROM alpine AS build\nFROM alpine\nCOPY --from=bu<|>ild --chown=1:1 /a /b\n")
		var res struct {
			Range       lsptest.Range `json:"range"`
			Placeholder string        `json:"placeholder"`
		}
		if err := s.Call(testContext(t), "textDocument/prepareRename", posParams(docURI, pos), &res); err != nil {
			t.Fatal(err)
		}
		if res.Placeholder != "build" || textOf(text, res.Range) != "build" || res.Range.Start.Line != 2 {
			t.Errorf("prepareRename = %+v", res)
		}
	})
	t.Run("prepare refusals", func(t *testing.T) {
		s, _, _ := openAt(t, withPrepare, "<|>FROM alpine\nFROM alpine\nCOPY --from=0 /a /b\n")
		ctx := testContext(t)
		var res any
		// On a keyword: null, no error.
		if err := s.Call(ctx, "textDocument/prepareRename", posParams(docURI, lsptest.Position{Line: 0, Character: 1}), &res); err != nil || res != nil {
			t.Errorf("prepareRename on a keyword = %v, %v; want null", res, err)
		}
		// On a stage index: an error saying why.
		err := s.Call(ctx, "textDocument/prepareRename", posParams(docURI, lsptest.Position{Line: 2, Character: 12}), &res)
		if rpcCode(err) != -32803 || !strings.Contains(err.Error(), "index") {
			t.Errorf("prepareRename on --from=0 = %v, want RequestFailed about the index", err)
		}
	})
	t.Run("edits", func(t *testing.T) {
		s, text, pos := openAt(t, `{}`, "ARG V=1\nFROM golang:$V AS build\nARG V\nRUN echo ${V<|>:-x}\nFROM alpine\nCOPY --from=build /a /b\n")
		params := posParams(docURI, pos)
		params["newName"] = "GO_VERSION"
		var edit struct {
			Changes map[string][]struct {
				Range   lsptest.Range `json:"range"`
				NewText string        `json:"newText"`
			} `json:"changes"`
		}
		if err := s.Call(testContext(t), "textDocument/rename", params, &edit); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range edit.Changes[docURI] {
			got = append(got, fmt.Sprintf("%d:%s->%s", e.Range.Start.Line, textOf(text, e.Range), e.NewText))
		}
		sort.Strings(got)
		if want := "0:V->GO_VERSION 1:V->GO_VERSION 2:V->GO_VERSION 3:V->GO_VERSION"; strings.Join(got, " ") != want {
			t.Errorf("rename edits = %s, want %s", strings.Join(got, " "), want)
		}
	})
	t.Run("versioned edits", func(t *testing.T) {
		s, _, pos := openAt(t, `{"workspace": {"workspaceEdit": {"documentChanges": true}}}`, "FROM alpine AS bu<|>ild\nFROM build\n")
		params := posParams(docURI, pos)
		params["newName"] = "compile"
		var edit struct {
			DocumentChanges []struct {
				TextDocument struct {
					URI     string `json:"uri"`
					Version int    `json:"version"`
				} `json:"textDocument"`
				Edits []struct {
					NewText string `json:"newText"`
				} `json:"edits"`
			} `json:"documentChanges"`
		}
		if err := s.Call(testContext(t), "textDocument/rename", params, &edit); err != nil {
			t.Fatal(err)
		}
		if len(edit.DocumentChanges) != 1 || edit.DocumentChanges[0].TextDocument.Version != 1 || len(edit.DocumentChanges[0].Edits) != 2 {
			t.Errorf("rename = %+v, want 2 edits for version 1", edit)
		}
	})
	t.Run("refused name", func(t *testing.T) {
		s, _, pos := openAt(t, `{}`, "FROM alpine AS bu<|>ild\nFROM alpine AS test\n")
		for name, why := range map[string]string{"test": "already exists", "1x": "not a valid stage name", "scratch": "reserved"} {
			params := posParams(docURI, pos)
			params["newName"] = name
			err := s.Call(testContext(t), "textDocument/rename", params, nil)
			if rpcCode(err) != -32803 || !strings.Contains(err.Error(), why) {
				t.Errorf("rename to %q: %v, want RequestFailed %q", name, err, why)
			}
		}
	})
}
