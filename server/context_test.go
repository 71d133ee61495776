package server

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

const contextCaps = `"textDocument":{"codeAction":{"codeActionLiteralSupport":{"codeActionKind":{"valueSet":["quickfix"]}}},"hover":{"contentFormat":["markdown"]}}`

// contextWorkspace is a workspace whose Dockerfile sends node_modules with
// COPY . . and copies a file the context lacks.
func contextWorkspace(t *testing.T) (root, df string) {
	t.Helper()
	root = t.TempDir()
	analysistest.WriteFile(t, filepath.Join(root, "app", "package.json"), "{}")
	analysistest.WriteFile(t, filepath.Join(root, "app", "src", "index.js"), "")
	analysistest.WriteFile(t, filepath.Join(root, "app", "node_modules", "left-pad", "index.js"), "module.exports = 1\n")
	return root, filepath.Join(root, "app", "Dockerfile")
}

const contextDockerfile = "FROM node:22\nWORKDIR /app\nCOPY package.json ./\nCOPY missing.txt ./\nCOPY . .\n"

// quickFixes asks for the code actions at a line and returns them raw.
func (s *session) quickFixes(t *testing.T, u string, line int) string {
	t.Helper()
	var raw json.RawMessage
	err := s.Call(testContext(t), "textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": u},
		"range":        map[string]any{"start": pos(line, 5), "end": pos(line, 5)},
		"context":      map[string]any{"diagnostics": []any{}, "only": []string{"quickfix"}},
	}, &raw)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func TestContextFixEditsOtherFiles(t *testing.T) {
	for _, tc := range []struct {
		name       string
		caps       string
		ignore     string // on disk; "" for none
		openIgnore string // the editor's text of .dockerignore; "" when not open
		want       []string
		dontWant   []string
	}{
		{"creates the file first", `{` + contextCaps + `,"workspace":{"workspaceEdit":{"documentChanges":true,"resourceOperations":["create","rename","delete"]}}}`, "", "",
			[]string{`"documentChanges":[{"kind":"create","uri":"` + "%s" + `","options":{"ignoreIfExists":true}},{"textDocument":{"uri":"%s","version":null},"edits":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"newText":"node_modules\n"}]}]`}, nil},
		{"no create without resource operations", `{` + contextCaps + `,"workspace":{"workspaceEdit":{"documentChanges":true}}}`, "", "",
			nil, []string{`Create .dockerignore`}},
		{"appends at the end of the file on disk", `{` + contextCaps + `}`, "*.log\n# keep\nbuild", "",
			[]string{`"changes":{"%[1]s":[{"range":{"start":{"line":2,"character":5},"end":{"line":2,"character":5}},"newText":"\nnode_modules\n"}]}`}, []string{`"kind":"create"`}},
		{"appends to the editor's text when open", `{` + contextCaps + `,"workspace":{"workspaceEdit":{"documentChanges":true}}}`, "*.log\n", "*.log\n*.tmp\n",
			[]string{`{"textDocument":{"uri":"%[1]s","version":1},"edits":[{"range":{"start":{"line":2,"character":0},"end":{"line":2,"character":0}},"newText":"node_modules\n"}]}`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, df := contextWorkspace(t)
			ignorePath := filepath.Join(filepath.Dir(df), ".dockerignore")
			if tc.ignore != "" {
				analysistest.WriteFile(t, ignorePath, tc.ignore)
			}
			s := newSession(t, Options{DiagnosticsDelay: -1})
			s.initializeAt(t, root, tc.caps)
			u := string(uri.File(df))
			iu := string(uri.File(ignorePath))
			if tc.openIgnore != "" {
				s.open(t, iu, tc.openIgnore)
			}
			s.open(t, u, contextDockerfile)
			if _, err := s.NextDiagnostics(testContext(t), u, func(d *lsptest.Diagnostics) bool {
				return strings.Contains(d.Rules(), "ContextNotIgnored")
			}); err != nil {
				t.Fatal(err)
			}
			raw := s.quickFixes(t, u, 4)
			for _, w := range tc.want {
				if w = strings.ReplaceAll(w, "%s", iu); strings.Contains(w, "%[1]s") {
					w = strings.ReplaceAll(w, "%[1]s", iu)
				}
				if !strings.Contains(raw, w) {
					t.Errorf("no %s in %s", w, raw)
				}
			}
			for _, w := range tc.dontWant {
				if strings.Contains(raw, w) {
					t.Errorf("%s in %s", w, raw)
				}
			}
		})
	}
}

func TestContextFeatures(t *testing.T) {
	root, df := contextWorkspace(t)
	analysistest.WriteFile(t, filepath.Join(root, "compose.yaml"), "services:\n  web:\n    build:\n      context: app\n")
	s := newSession(t, Options{DiagnosticsDelay: -1})
	s.initializeAt(t, root, `{`+contextCaps+`}`)
	ctx := testContext(t)
	u := string(uri.File(df))
	s.open(t, u, contextDockerfile)
	d, err := s.NextDiagnostics(ctx, u, func(d *lsptest.Diagnostics) bool { return strings.Contains(d.Rules(), "CopySourceNotFound") })
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range d.Diagnostics {
		if x.Code == "CopySourceNotFound" && x.Range.Start.Line != 3 {
			t.Errorf("CopySourceNotFound on line %d", x.Range.Start.Line)
		}
	}

	// The hover of the first FROM names the context and why.
	var hover struct {
		Contents struct{ Value string } `json:"contents"`
	}
	if err := s.Call(ctx, "textDocument/hover", docPos(u, 0, 1), &hover); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hover.Contents.Value, "Build context: `app` (compose.yaml:2 (service \"web\"))") &&
		!strings.Contains(hover.Contents.Value, "Build context: `app` (the Dockerfile's folder)") {
		t.Errorf("hover: %s", hover.Contents.Value)
	}

	// Links on sources that exist.
	var links []struct {
		Range  lsptest.Range `json:"range"`
		Target string        `json:"target"`
	}
	if err := s.Call(ctx, "textDocument/documentLink", map[string]any{"textDocument": map[string]any{"uri": u}}, &links); err != nil {
		t.Fatal(err)
	}
	want := string(uri.File(filepath.Join(root, "app", "package.json")))
	found := false
	for _, l := range links {
		if l.Target == want && l.Range.Start.Line == 2 {
			found = true
		}
		if strings.Contains(l.Target, "missing.txt") {
			t.Errorf("a link to a missing file: %+v", l)
		}
	}
	if !found {
		t.Errorf("no link to package.json in %+v", links)
	}
}

// TestContextSetting checks that the context setting, relative to the
// workspace root, wins over the Dockerfile's folder.
func TestContextSetting(t *testing.T) {
	root, df := contextWorkspace(t)
	analysistest.WriteFile(t, filepath.Join(root, "missing.txt"), "")
	analysistest.WriteFile(t, filepath.Join(root, "package.json"), "")
	s := newSession(t, Options{DiagnosticsDelay: -1})
	s.initializeAt(t, root, `{`+contextCaps+`}`)
	ctx := testContext(t)
	u := string(uri.File(df))
	s.open(t, u, contextDockerfile)
	if _, err := s.NextDiagnostics(ctx, u, func(d *lsptest.Diagnostics) bool { return strings.Contains(d.Rules(), "CopySourceNotFound") }); err != nil {
		t.Fatal(err)
	}
	s.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"dockerfile-lsp": map[string]any{"context": "."}}})
	if _, err := s.NextDiagnostics(ctx, u, func(d *lsptest.Diagnostics) bool { return !strings.Contains(d.Rules(), "CopySourceNotFound") }); err != nil {
		t.Fatalf("with the context setting: %v", err)
	}
	var hover struct {
		Contents struct{ Value string } `json:"contents"`
	}
	if err := s.Call(ctx, "textDocument/hover", docPos(u, 0, 1), &hover); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hover.Contents.Value, "Build context: `.` (the context setting)") {
		t.Errorf("hover: %s", hover.Contents.Value)
	}
}

// TestContextFollowsDisk is the end-to-end story over JSON-RPC: completion
// of context paths, then a .dockerignore written on disk and reported with
// didChangeWatchedFiles; completion and diagnostics follow it, and the
// .dockerignore document gets its own diagnostics, hover and completion.
func TestContextFollowsDisk(t *testing.T) {
	root, df := contextWorkspace(t)
	s := newSession(t, Options{DiagnosticsDelay: -1})
	s.initializeAt(t, root, `{`+contextCaps+`,"workspace":{"didChangeWatchedFiles":{"dynamicRegistration":true}}}`)
	ctx := testContext(t)
	u := string(uri.File(df))
	s.open(t, u, contextDockerfile)
	if _, err := s.NextDiagnostics(ctx, u, func(d *lsptest.Diagnostics) bool { return strings.Contains(d.Rules(), "ContextNotIgnored") }); err != nil {
		t.Fatal(err)
	}
	complete := func(line, char int) completionList {
		t.Helper()
		var list completionList
		if err := s.Call(ctx, "textDocument/completion", docPos(u, line, char), &list); err != nil {
			t.Fatal(err)
		}
		return list
	}
	// "COPY . ." — complete a first source right after "COPY ".
	if got := complete(4, 5).labels(); !strings.Contains(got, "node_modules/") || !strings.Contains(got, "src/") || !strings.Contains(got, "package.json") {
		t.Fatalf("context paths: %s", got)
	}

	ignorePath := filepath.Join(root, "app", ".dockerignore")
	analysistest.WriteFile(t, ignorePath, "node_modules\n")
	s.Notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": string(uri.File(ignorePath)), "type": 1}}})
	if _, err := s.NextDiagnostics(ctx, u, func(d *lsptest.Diagnostics) bool { return !strings.Contains(d.Rules(), "ContextNotIgnored") }); err != nil {
		t.Fatalf("after .dockerignore was written: %v", err)
	}
	if got := complete(4, 5).labels(); strings.Contains(got, "node_modules/") || !strings.Contains(got, "src/") {
		t.Errorf("context paths after .dockerignore: %s", got)
	}

	// Saved from another editor: didSave alone refreshes the walk.
	analysistest.WriteFile(t, ignorePath, "src\n")
	s.Notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": string(uri.File(ignorePath))}})
	if _, err := s.NextDiagnostics(ctx, u, func(d *lsptest.Diagnostics) bool { return strings.Contains(d.Rules(), "ContextNotIgnored") }); err != nil {
		t.Fatalf("after didSave: %v", err)
	}
	if got := complete(4, 5).labels(); !strings.Contains(got, "node_modules/") || strings.Contains(got, "src/") {
		t.Errorf("context paths after didSave: %s", got)
	}

	// The .dockerignore as a document: not a Dockerfile.
	iu := string(uri.File(ignorePath))
	s.open(t, iu, "node_modules\n*\n[z-a\n")
	d, err := s.NextDiagnostics(ctx, iu, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Rules(); got != "IgnoreExcludesEverything,InvalidIgnorePattern" {
		t.Errorf(".dockerignore diagnostics: %s", got)
	}
	var hover struct {
		Contents struct{ Value string } `json:"contents"`
	}
	if err := s.Call(ctx, "textDocument/hover", docPos(iu, 0, 3), &hover); err != nil {
		t.Fatal(err)
	}
	// The walk reads the editor's text, whose bad pattern leaves nothing
	// excluded: node_modules is listed, and the hover says the walk is partial.
	if v := hover.Contents.Value; !strings.Contains(v, "`node_modules` excludes 1 file") || !strings.Contains(v, "`node_modules/left-pad/index.js`") || !strings.Contains(v, "unreadable") {
		t.Errorf(".dockerignore hover: %s", hover.Contents.Value)
	}
	var list completionList
	if err := s.Call(ctx, "textDocument/completion", docPos(iu, 3, 0), &list); err != nil {
		t.Fatal(err)
	}
	if got := list.labels(); !strings.Contains(got, "node_modules/") || !strings.Contains(got, "package.json") {
		t.Errorf(".dockerignore completion: %s", got)
	}
}

// The hover of a GitHub container action's final stage says what the
// image is for, which only its build context tells (action.yml beside it).
func TestContextHoverPurpose(t *testing.T) {
	root := t.TempDir()
	analysistest.WriteFile(t, filepath.Join(root, "action.yml"), "name: hello\nruns:\n  using: docker\n  image: Dockerfile\n")
	analysistest.WriteFile(t, filepath.Join(root, "entrypoint.sh"), "#!/bin/sh\necho hi\n")
	df := filepath.Join(root, "Dockerfile")
	s := newSession(t, Options{DiagnosticsDelay: -1})
	s.initializeAt(t, root, `{`+contextCaps+`}`)
	ctx := testContext(t)
	u := string(uri.File(df))
	s.open(t, u, "FROM alpine:3.20 AS action\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]\n")
	if _, err := s.NextDiagnostics(ctx, u, nil); err != nil {
		t.Fatal(err)
	}
	var hover struct {
		Contents struct{ Value string } `json:"contents"`
	}
	if err := s.Call(ctx, "textDocument/hover", docPos(u, 0, 21), &hover); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hover.Contents.Value, "purpose: a GitHub action image, as it is a GitHub container action (action.yml beside the Dockerfile)") {
		t.Errorf("hover: %s", hover.Contents.Value)
	}
}

// A stage's hover and the hover of a COPY --from source show what the
// build context settles: package.json's build script writes build/, not
// the guesses a document alone allows (dist?, build?, .next?, out?).
func TestContextHoverBuildOutputs(t *testing.T) {
	root := t.TempDir()
	analysistest.WriteFile(t, filepath.Join(root, "package.json"), `{"scripts": {"build": "react-scripts build"}, "dependencies": {"react-scripts": "5.0.1"}}`)
	analysistest.WriteFile(t, filepath.Join(root, "src", "App.js"), "")
	df := filepath.Join(root, "Dockerfile")
	text := "FROM node:20-slim AS build\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY src ./src\nRUN npm run build\n" +
		"FROM nginx:1.27-alpine\nCOPY --from=build /app/build /usr/share/nginx/html\n"
	analysistest.WriteFile(t, df, text)
	s := newSession(t, Options{DiagnosticsDelay: -1})
	s.initializeAt(t, root, `{`+contextCaps+`}`)
	ctx := testContext(t)
	u := string(uri.File(df))
	s.open(t, u, text)
	if _, err := s.NextDiagnostics(ctx, u, nil); err != nil {
		t.Fatal(err)
	}
	hover := func(line, col int) string {
		var h struct {
			Contents struct{ Value string } `json:"contents"`
		}
		if err := s.Call(ctx, "textDocument/hover", docPos(u, line, col), &h); err != nil {
			t.Fatal(err)
		}
		return h.Contents.Value
	}
	if got := hover(0, 22); !strings.Contains(got, "→ `/app/build`\n") || strings.Contains(got, "dist") {
		t.Errorf("stage hover:\n%s", got)
	}
	if got := hover(7, 20); !strings.Contains(got, "Written by the build step") || strings.Contains(got, "one of several places") {
		t.Errorf("COPY --from source hover:\n%s", got)
	}
}
