package server

import (
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// wireEdit is a text edit as it travels: a plain edit or a snippet edit.
type wireEdit struct {
	Range struct {
		Start struct{ Line, Character int } `json:"start"`
		End   struct{ Line, Character int } `json:"end"`
	} `json:"range"`
	NewText string `json:"newText"`
	Snippet *struct {
		Value string `json:"value"`
	} `json:"snippet"`
}

type wireWorkspaceEdit struct {
	Changes         map[string][]wireEdit `json:"changes"`
	DocumentChanges []struct {
		Edits []wireEdit `json:"edits"`
	} `json:"documentChanges"`
}

// applyWire applies an edit to an ASCII text (UTF-16 units are bytes there);
// snippets are applied with their tab stops replaced by the default text.
func applyWire(t *testing.T, text string, we wireWorkspaceEdit) string {
	t.Helper()
	var edits []wireEdit
	for _, es := range we.Changes {
		edits = append(edits, es...)
	}
	for _, dc := range we.DocumentChanges {
		edits = append(edits, dc.Edits...)
	}
	if len(edits) == 0 {
		t.Fatal("the workspace edit has no edits")
	}
	lines := syntax.NewLineIndex(text)
	type abs struct {
		start, end int
		text       string
	}
	var as []abs
	for _, e := range edits {
		nt := e.NewText
		if e.Snippet != nil {
			nt = unsnippet(e.Snippet.Value)
		}
		as = append(as, abs{lines.Offset(e.Range.Start.Line, e.Range.Start.Character), lines.Offset(e.Range.End.Line, e.Range.End.Character), nt})
	}
	sort.Slice(as, func(i, j int) bool { return as[i].start > as[j].start })
	for _, a := range as {
		text = text[:a.start] + a.text + text[a.end:]
	}
	return text
}

// unsnippet expands ${n:default} to default and removes escapes.
func unsnippet(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case strings.HasPrefix(s[i:], "${") && strings.Contains(s[i:], ":"):
			i = i + strings.IndexByte(s[i:], ':')
		case s[i] == '}':
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

const (
	resolveCaps = `{"textDocument":{"codeAction":{"dataSupport":true,"resolveSupport":{"properties":["edit"]},` +
		`"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor"]}}}},"workspace":{"workspaceEdit":{"documentChanges":true}}}`
	literalCaps = `{"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor"]}}}}}`
	snippetCaps = `{"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix","refactor"]}}}},` +
		`"workspace":{"workspaceEdit":{"documentChanges":true,"snippetEditSupport":true}}}`
)

func readGolden(t *testing.T, name string) (string, string) {
	t.Helper()
	in, err := os.ReadFile("../testdata/split/" + name + ".Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../testdata/split/" + name + ".golden")
	if err != nil {
		t.Fatal(err)
	}
	return string(in), string(want)
}

// TestRefactorResolve: codeAction/resolve computes the split's edit from the
// data the action carries; the applied edit gives the golden output.
func TestRefactorResolve(t *testing.T) {
	in, want := readGolden(t, "go_1")
	s := newSession(t, Options{})
	ctx := testContext(t)
	res := s.initialize(t, resolveCaps, nil)
	caps, _ := json.Marshal(res["capabilities"])
	for _, w := range []string{`"resolveProvider":true`, `"refactor.rewrite"`, `"refactor.extract"`} {
		if !strings.Contains(string(caps), w) {
			t.Errorf("capabilities lack %s: %s", w, caps)
		}
	}
	const uri = "file:///w/Dockerfile"
	s.open(t, uri, in)
	var resolved struct {
		Title string            `json:"title"`
		Edit  wireWorkspaceEdit `json:"edit"`
	}
	err := s.Call(ctx, "codeAction/resolve", map[string]any{
		"title": "Split into build and runtime stages", "kind": "refactor.rewrite",
		"data": map[string]any{"uri": uri, "version": 1, "range": map[string]any{"start": pos(0, 0), "end": pos(0, 0)}, "id": "split"},
	}, &resolved)
	if err != nil {
		t.Fatal(err)
	}
	if got := applyWire(t, in, resolved.Edit); got != want {
		t.Errorf("resolved split gives:\n%s", got)
	}
	// A stale version is refused rather than applied to the wrong text.
	err = s.Call(ctx, "codeAction/resolve", map[string]any{
		"title": "x", "data": map[string]any{"uri": uri, "version": 7, "range": map[string]any{"start": pos(0, 0), "end": pos(0, 0)}, "id": "split"},
	}, &resolved)
	if err == nil {
		t.Errorf("resolve of a stale version succeeded")
	}
}

// TestRefactorCodeAction: textDocument/codeAction over JSON-RPC offers the
// split; its edit (computed directly, as a snippet, or resolved) applied to
// the text equals the golden output.
func TestRefactorCodeAction(t *testing.T) {
	for _, tc := range []struct{ name, caps, golden string }{
		{"edit", literalCaps, "go_2"},
		{"snippet placeholder", snippetCaps, "generic_2"},
		{"resolved", resolveCaps, "node-static_1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in, want := readGolden(t, tc.golden)
			s := newSession(t, Options{})
			ctx := testContext(t)
			s.initialize(t, tc.caps, nil)
			const uri = "file:///w/Dockerfile"
			s.open(t, uri, in)
			var actions []struct {
				Title       string            `json:"title"`
				Kind        string            `json:"kind"`
				Edit        wireWorkspaceEdit `json:"edit"`
				Data        json.RawMessage   `json:"data"`
				Diagnostics []struct {
					Code string `json:"code"`
				} `json:"diagnostics"`
			}
			// The client shows a SingleStageBuild finding: the split answers it.
			finding := map[string]any{"range": map[string]any{"start": pos(1, 0), "end": pos(1, 4)}, "message": "single-stage build",
				"code": "SingleStageBuild", "source": "dockerfile-lsp"}
			err := s.Call(ctx, "textDocument/codeAction", map[string]any{
				"textDocument": map[string]any{"uri": uri},
				"range":        map[string]any{"start": pos(1, 0), "end": pos(1, 0)},
				"context":      map[string]any{"diagnostics": []any{finding}, "only": []string{"refactor"}},
			}, &actions)
			if err != nil {
				t.Fatal(err)
			}
			if len(actions) == 0 {
				t.Fatal("textDocument/codeAction returned no refactorings")
			}
			var raw json.RawMessage
			for _, a := range actions {
				if !strings.HasPrefix(a.Title, "Split into build and runtime stages") {
					continue
				}
				if a.Kind != "refactor.rewrite" {
					t.Errorf("kind %q", a.Kind)
				}
				if len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != "SingleStageBuild" {
					t.Errorf("the split does not name the SingleStageBuild finding it resolves: %+v", a.Diagnostics)
				}
				edit := a.Edit
				if len(a.Data) > 0 {
					var resolved struct {
						Edit wireWorkspaceEdit `json:"edit"`
					}
					if err := s.Call(ctx, "codeAction/resolve", a, &resolved); err != nil {
						t.Fatal(err)
					}
					edit = resolved.Edit
				}
				if tc.name == "snippet placeholder" {
					raw, _ = json.Marshal(edit)
					if !strings.Contains(string(raw), `"snippet"`) || !strings.Contains(string(raw), `${1:`) {
						t.Errorf("no snippet tab stop in %s", raw)
					}
				}
				if got := applyWire(t, in, edit); got != want {
					t.Errorf("applied split:\n%s", got)
				}
				return
			}
			t.Errorf("no split offered among %+v", actions)
		})
	}
}
