package server

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/uri"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile/wsfiletest"
	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

// copyTree copies a folder of testdata to a temporary one.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// initializeAt runs the handshake with a workspace root.
func (s *session) initializeAt(t *testing.T, root, capabilities string) {
	t.Helper()
	var result map[string]any
	params := map[string]any{"processId": nil, "rootUri": string(uri.File(root)), "capabilities": json.RawMessage(capabilities), "clientInfo": map[string]any{"name": "test"}}
	if err := s.Call(testContext(t), "initialize", params, &result); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	if err := s.Notify("initialized", map[string]any{}); err != nil {
		t.Fatal(err)
	}
}

type completionList struct {
	Items []struct {
		Label    string `json:"label"`
		Detail   string `json:"detail"`
		TextEdit struct {
			Range   lsptest.Range `json:"range"`
			NewText string        `json:"newText"`
		} `json:"textEdit"`
	} `json:"items"`
}

func (l completionList) labels() string {
	var out []string
	for _, it := range l.Items {
		out = append(out, it.Label)
	}
	return strings.Join(out, " ")
}

func docPos(u string, line, char int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": u}, "position": pos(line, char)}
}

const targetsDockerfile = "FROM golang:1.22 AS build\nRUN true\n\nFROM build AS test\nRUN true\n\nFROM alpine:3.20 AS release\nCOPY --from=build /x /x\n"

func TestComposeDocument(t *testing.T) {
	root := t.TempDir()
	analysistest.WriteFile(t, filepath.Join(root, "app", "Dockerfile"), targetsDockerfile)
	s := newSession(t, Options{DiagnosticsDelay: -1})
	ctx := testContext(t)
	s.initializeAt(t, root, `{"textDocument": {"hover": {"contentFormat": ["markdown"]}}}`)

	compose := string(uri.File(filepath.Join(root, "compose.yaml")))
	text := "services:\n  api:\n    build:\n      context: app\n      target: tset\n  web:\n    build:\n      context: app\n      target: \n"
	// The languageId is yaml: the file name is what counts.
	s.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": compose, "languageId": "yaml", "version": 1, "text": text}})

	// Diagnostics are the target checks, not Dockerfile rules.
	d, err := s.NextDiagnostics(ctx, compose, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Rules() != "UnknownTarget" || !strings.Contains(d.Diagnostics[0].Message, `did you mean "test"?`) ||
		d.Diagnostics[0].Range != (lsptest.Range{Start: lsptest.Position{Line: 4, Character: 14}, End: lsptest.Position{Line: 4, Character: 18}}) {
		t.Fatalf("diagnostics %s", d.Raw)
	}
	// The severity setting covers the Compose and Bake rules too.
	for _, tc := range []struct {
		level string
		rules string
		sev   int
	}{{"hint", "UnknownTarget", 4}, {"off", "", 0}, {"error", "UnknownTarget", 1}} {
		s.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"dockerfile-lsp": map[string]any{"severity": map[string]any{"UnknownTarget": tc.level}}}})
		d, err := s.NextDiagnostics(ctx, compose, nil)
		if err != nil || d.Rules() != tc.rules || tc.sev != 0 && d.Diagnostics[0].Severity != tc.sev {
			t.Fatalf("UnknownTarget set to %s: %v %s", tc.level, err, d.Raw)
		}
	}

	// Completion with nothing typed yet.
	var list completionList
	if err := s.Call(ctx, "textDocument/completion", docPos(compose, 8, 14), &list); err != nil {
		t.Fatal(err)
	}
	if list.labels() != "build test release" || list.Items[2].Detail != "FROM alpine:3.20 · final stage" ||
		list.Items[0].TextEdit.Range != (lsptest.Range{Start: lsptest.Position{Line: 8, Character: 14}, End: lsptest.Position{Line: 8, Character: 14}}) {
		t.Fatalf("completion %+v", list)
	}
	// Nothing of a Dockerfile's completion anywhere else in the file.
	if err := s.Call(ctx, "textDocument/completion", docPos(compose, 0, 0), &list); err != nil || len(list.Items) != 0 {
		t.Errorf("completion at 0:0: %v %+v", err, list)
	}

	// Hover and definition on the target.
	var h struct {
		Contents struct{ Kind, Value string } `json:"contents"`
	}
	if err := s.Call(ctx, "textDocument/hover", docPos(compose, 4, 15), &h); err != nil || !strings.Contains(h.Contents.Value, "`tset` is not a stage of `app/Dockerfile`") {
		t.Errorf("hover %v %+v", err, h)
	}
	fixed := strings.Replace(text, "tset", "test", 1)
	s.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": compose, "version": 2}, "contentChanges": []any{map[string]any{"text": fixed}}})
	if d, err := s.NextDiagnostics(ctx, compose, func(d *lsptest.Diagnostics) bool { return *d.Version == 2 }); err != nil || d.Rules() != "" {
		t.Fatalf("after the fix: %v %s", err, d.Raw)
	}
	if err := s.Call(ctx, "textDocument/hover", docPos(compose, 4, 15), &h); err != nil || !strings.Contains(h.Contents.Value, "**Stage `test`** of `app/Dockerfile`") {
		t.Errorf("hover %v %+v", err, h)
	}
	var locs []struct {
		URI   string        `json:"uri"`
		Range lsptest.Range `json:"range"`
	}
	if err := s.Call(ctx, "textDocument/definition", docPos(compose, 4, 15), &locs); err != nil || len(locs) != 1 ||
		locs[0].URI != string(uri.File(filepath.Join(root, "app", "Dockerfile"))) ||
		locs[0].Range != (lsptest.Range{Start: lsptest.Position{Line: 3, Character: 14}, End: lsptest.Position{Line: 3, Character: 18}}) {
		t.Errorf("definition %v %+v", err, locs)
	}

	// Dockerfile features stay away: no symbols, no inlay hints.
	var symbols []any
	if err := s.Call(ctx, "textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": compose}}, &symbols); err == nil && len(symbols) != 0 {
		t.Errorf("document symbols of a Compose file: %v", symbols)
	}
}

func TestComposeQuickFix(t *testing.T) {
	root := t.TempDir()
	analysistest.WriteFile(t, filepath.Join(root, "Dockerfile"), targetsDockerfile)
	s := newSession(t, Options{DiagnosticsDelay: -1})
	ctx := testContext(t)
	s.initializeAt(t, root, `{"textDocument": {"codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}}}}`)
	bake := string(uri.File(filepath.Join(root, "docker-bake.hcl")))
	s.open(t, bake, "target \"app\" {\n  target = \"relaese\"\n}\n")
	if d, err := s.NextDiagnostics(ctx, bake, nil); err != nil || d.Rules() != "UnknownTarget" {
		t.Fatalf("diagnostics %v %s", err, d.Raw)
	}
	var actions []struct {
		Title string `json:"title"`
		Edit  struct {
			Changes map[string][]struct {
				NewText string `json:"newText"`
			} `json:"changes"`
		} `json:"edit"`
	}
	err := s.Call(ctx, "textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": bake},
		"range":        map[string]any{"start": pos(1, 12), "end": pos(1, 12)},
		"context":      map[string]any{"diagnostics": []any{}},
	}, &actions)
	if err != nil || len(actions) != 1 || actions[0].Title != "Change the target to release" || actions[0].Edit.Changes[bake][0].NewText != "release" {
		t.Fatalf("actions %v %+v", err, actions)
	}
}

// TestWorkspaceTargets opens the fixture workspace of testdata/targets: its
// Dockerfile's stages are built from Compose, Bake, a workflow, a Makefile
// and a script, and UnusedStage knows it.
func TestWorkspaceTargets(t *testing.T) {
	root := copyTree(t, filepath.Join("..", "testdata", "targets"))
	var mu sync.Mutex
	var registered string
	s := newSession(t, Options{DiagnosticsDelay: -1})
	s.OnRequest = func(method string, params json.RawMessage) (any, *lsptest.Error) {
		if method == "client/registerCapability" {
			mu.Lock()
			registered += string(params) // the targets and the build context register apart
			mu.Unlock()
		}
		return nil, nil
	}
	ctx := testContext(t)
	s.initializeAt(t, root, `{"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}, "textDocument": {"hover": {"contentFormat": ["markdown"]}}}`)

	dockerfile := filepath.Join(root, "Dockerfile")
	data, _ := os.ReadFile(dockerfile)
	df := string(uri.File(dockerfile))
	s.open(t, df, string(data))
	// unused names the stages UnusedStage reports, checking its message.
	unused := func(d *lsptest.Diagnostics) string {
		var names []string
		for _, x := range d.Diagnostics {
			if x.Code == "UnusedStage" && strings.Contains(x.Message, "no Compose or Bake file") {
				names = append(names, strings.Split(x.Message, `"`)[1])
			}
		}
		return strings.Join(names, " ")
	}
	onlyDocs := func(d *lsptest.Diagnostics) bool { return unused(d) == "docs" }
	if _, err := s.NextDiagnostics(ctx, df, onlyDocs); err != nil {
		t.Fatalf("UnusedStage with the workspace: %v", err)
	}

	// Hover on a stage's name says where it is built.
	lines := strings.Split(string(data), "\n")
	devLine := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "FROM build AS dev") {
			devLine = i
		}
	}
	var h struct {
		Contents struct{ Value string } `json:"contents"`
	}
	if err := s.Call(ctx, "textDocument/hover", docPos(df, devLine, len("FROM build AS d")), &h); err != nil ||
		!strings.Contains(h.Contents.Value, "Built as a target by:\n- `compose.yaml:5 (service \"app\")`") {
		t.Errorf("hover %v %q", err, h.Contents.Value)
	}

	// References and rename of the stage reach the Compose file that builds it.
	composePath := filepath.Join(root, "compose.yaml")
	var refs []struct {
		URI   string        `json:"uri"`
		Range lsptest.Range `json:"range"`
	}
	devAt := docPos(df, devLine, len("FROM build AS d"))
	devAt["context"] = map[string]any{"includeDeclaration": true}
	wantTarget := lsptest.Range{Start: lsptest.Position{Line: 4, Character: 14}, End: lsptest.Position{Line: 4, Character: 17}}
	if err := s.Call(ctx, "textDocument/references", devAt, &refs); err != nil || len(refs) != 2 ||
		refs[1].URI != string(uri.File(composePath)) || refs[1].Range != wantTarget {
		t.Errorf("references %v %+v", err, refs)
	}
	var renamed struct {
		Changes map[string][]struct {
			Range   lsptest.Range `json:"range"`
			NewText string        `json:"newText"`
		} `json:"changes"`
	}
	renameAt := docPos(df, devLine, len("FROM build AS d"))
	renameAt["newName"] = "devel"
	if err := s.Call(ctx, "textDocument/rename", renameAt, &renamed); err != nil {
		t.Fatal(err)
	}
	if c := renamed.Changes[string(uri.File(composePath))]; len(renamed.Changes[df]) != 1 || len(c) != 1 || c[0].Range != wantTarget || c[0].NewText != "devel" {
		t.Errorf("rename %+v", renamed)
	}

	// The editor's text of compose.yaml counts before it is saved.
	compose := string(uri.File(filepath.Join(root, "compose.yaml")))
	s.open(t, compose, "services:\n  app:\n    build:\n      context: .\n      target: docs\n")
	if _, err := s.NextDiagnostics(ctx, df, func(d *lsptest.Diagnostics) bool {
		return unused(d) == "dev"
	}); err != nil {
		t.Fatalf("after editing compose.yaml: %v", err)
	}
	// Closed without saving: the disk's text again.
	s.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": compose}})
	if _, err := s.NextDiagnostics(ctx, df, onlyDocs); err != nil {
		t.Fatalf("after closing compose.yaml: %v", err)
	}

	// A file event: a new script builds docs.
	mu.Lock()
	reg := registered
	mu.Unlock()
	if !strings.Contains(reg, "workspace/didChangeWatchedFiles") || !strings.Contains(reg, "docker-bake.{hcl,json}") {
		t.Errorf("file watchers registered as %s", reg)
	}
	script := filepath.Join(root, "scripts", "docs.sh")
	analysistest.WriteFile(t, script, "docker build --target docs .\n")
	s.Notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": string(uri.File(script)), "type": 1}}})
	if _, err := s.NextDiagnostics(ctx, df, func(d *lsptest.Diagnostics) bool { return !strings.Contains(d.Rules(), "UnusedStage") }); err != nil {
		t.Fatalf("after a new script: %v", err)
	}

	// The command lists the stages with where they are targeted.
	var stages []struct {
		Name       string   `json:"name"`
		Final      bool     `json:"final"`
		TargetedBy []string `json:"targetedBy"`
	}
	if err := s.Call(ctx, "workspace/executeCommand", map[string]any{"command": "dockerfile-lsp.targets", "arguments": []any{df}}, &stages); err != nil {
		t.Fatal(err)
	}
	byName := map[string][]string{}
	for _, st := range stages {
		byName[st.Name] = st.TargetedBy
	}
	if len(stages) != 10 || !stages[9].Final || len(byName["docs"]) != 1 || byName["docs"][0] != "scripts/docs.sh:1 (docker build)" ||
		len(byName["test"]) != 1 || len(byName["release"]) != 0 {
		t.Errorf("targets %+v", stages)
	}
	var builds []struct {
		Name, Target, Dockerfile string
		Line                     int
	}
	bake := string(uri.File(filepath.Join(root, "docker-bake.hcl")))
	if err := s.Call(ctx, "workspace/executeCommand", map[string]any{"command": "dockerfile-lsp.targets", "arguments": []any{map[string]any{"uri": bake}}}, &builds); err != nil ||
		len(builds) != 2 || builds[1].Name != "api-check" || builds[1].Target != "check" || builds[1].Dockerfile != filepath.Join(root, "api", "Dockerfile.api") || builds[1].Line != 13 {
		t.Errorf("bake targets %v %+v", err, builds)
	}
}

func TestBuildCodeLens(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "Dockerfile.dev")
	analysistest.WriteFile(t, path, targetsDockerfile)
	df := string(uri.File(path))
	type lens struct {
		Range   lsptest.Range `json:"range"`
		Command struct {
			Title     string            `json:"title"`
			Command   string            `json:"command"`
			Arguments []json.RawMessage `json:"arguments"`
		} `json:"command"`
	}
	for _, c := range []struct {
		name, caps, title, command string
	}{
		{"informational", `{}`, "docker build --target build -f Dockerfile.dev .", "dockerfile-lsp.showBuildCommand"},
		{"runnable", `{"experimental": {"commands": {"commands": ["dockerfile-lsp.runBuild"]}}}`, "▶ docker build --target build -f Dockerfile.dev .", "dockerfile-lsp.runBuild"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newSession(t, Options{DiagnosticsDelay: -1})
			ctx := testContext(t)
			s.initializeAt(t, root, c.caps)
			s.open(t, df, targetsDockerfile)
			var lenses []lens
			if err := s.Call(ctx, "textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": df}}, &lenses); err != nil {
				t.Fatal(err)
			}
			if len(lenses) != 3 || lenses[0].Command.Title != c.title || lenses[0].Command.Command != c.command ||
				lenses[1].Range != (lsptest.Range{Start: lsptest.Position{Line: 3, Character: 14}, End: lsptest.Position{Line: 3, Character: 18}}) {
				t.Fatalf("lenses %+v", lenses)
			}
			var arg struct {
				Command, Cwd string
				Args         []string
			}
			if json.Unmarshal(lenses[0].Command.Arguments[0], &arg) != nil || arg.Cwd != root || len(arg.Args) != 7 {
				t.Errorf("argument %s", lenses[0].Command.Arguments[0])
			}
			if c.name != "informational" {
				return
			}
			if err := s.Call(ctx, "workspace/executeCommand", map[string]any{"command": c.command, "arguments": lenses[0].Command.Arguments}, nil); err != nil {
				t.Fatal(err)
			}
			m, err := s.Next(ctx, func(m *lsptest.Message) bool { return m.Method == "window/showMessage" })
			if err != nil || !strings.Contains(string(m.Params), "run: docker build --target build -f Dockerfile.dev .") {
				t.Errorf("showMessage %v %s", err, m.Params)
			}
		})
	}
}

// hostileWorkspace is a folder with the traps of a cloned repository: a
// docker-bake.override.hcl symlinked to /dev/zero next to docker-bake.hcl,
// FIFOs named .gitignore, Dockerfile and build.sh, a symlink to a folder
// outside the workspace whose Compose file builds the docs stage, and a
// compose.yaml whose builds read /dev/zero, /etc/passwd and a FIFO.
func hostileWorkspace(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	root := filepath.Join(base, "ws")
	analysistest.WriteFile(t, filepath.Join(root, "app", "Dockerfile"), "FROM alpine AS base\n\nFROM base AS test\n\nFROM base AS docs\n\nFROM base\n")
	analysistest.WriteFile(t, filepath.Join(root, "docker-bake.hcl"), "target \"app\" {\n  context = \"app\"\n  target = \"test\"\n}\n")
	etc := strings.Repeat("../", strings.Count(root, string(filepath.Separator))+2) + "etc"
	analysistest.WriteFile(t, filepath.Join(root, "compose.yaml"), "services:\n"+
		"  zero:\n    build:\n      context: .\n      dockerfile: /dev/zero\n      target: x\n"+
		"  etc:\n    build:\n      context: "+etc+"\n      dockerfile: passwd\n      target: root\n"+
		"  fifo:\n    build:\n      context: fifo\n      target: x\n")
	analysistest.WriteFile(t, filepath.Join(base, "outside", "compose.yaml"), "services:\n  docs:\n    build:\n      context: ../ws/app\n      target: docs\n")
	wsfiletest.Symlink(t, "/dev/zero", filepath.Join(root, "docker-bake.override.hcl"))
	wsfiletest.Symlink(t, filepath.Join(base, "outside"), filepath.Join(root, "linked"))
	wsfiletest.Fifo(t, filepath.Join(root, ".gitignore"))
	wsfiletest.Fifo(t, filepath.Join(root, "app", ".gitignore"))
	wsfiletest.Fifo(t, filepath.Join(root, "fifo", "Dockerfile"))
	wsfiletest.Fifo(t, filepath.Join(root, "ci", "build.sh"))
	return root
}

// TestHostileWorkspace opens such a workspace: the index finishes, requests
// are answered, nothing outside the workspace counts, and the server stops
// after exit or at the end of its input.
func TestHostileWorkspace(t *testing.T) {
	for _, end := range []string{"exit", "end of input"} {
		t.Run(end, func(t *testing.T) {
			wsfiletest.GuardHeap(t, "the server in a hostile workspace")
			root := hostileWorkspace(t)
			s := newSession(t, Options{DiagnosticsDelay: -1})
			ctx := testContext(t)
			s.initializeAt(t, root, `{"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}`)

			// Once indexed, only docs is unused: the Bake file (next to the
			// /dev/zero override) builds test; the Compose file reached
			// through the symlink out of the workspace does not count.
			df := string(uri.File(filepath.Join(root, "app", "Dockerfile")))
			s.open(t, df, "FROM alpine AS base\n\nFROM base AS test\n\nFROM base AS docs\n\nFROM base\n")
			if _, err := s.NextDiagnostics(ctx, df, func(d *lsptest.Diagnostics) bool {
				return strings.Contains(string(d.Raw), `stage \"docs\" is not used`) && strings.Contains(string(d.Raw), "no Compose or Bake file") &&
					!strings.Contains(string(d.Raw), `stage \"test\" is not used`)
			}); err != nil {
				t.Fatalf("the workspace index did not finish: %v", err)
			}

			compose := string(uri.File(filepath.Join(root, "compose.yaml")))
			text, _ := os.ReadFile(filepath.Join(root, "compose.yaml"))
			s.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": compose, "languageId": "yaml", "version": 1, "text": string(text)}})
			d, err := s.NextDiagnostics(ctx, compose, nil)
			if err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, x := range d.Diagnostics {
				msgs = append(msgs, x.Code+": "+x.Message)
			}
			if len(msgs) != 3 || !strings.Contains(msgs[0], "/dev/zero: outside the workspace") ||
				!strings.Contains(msgs[1], "passwd: outside the workspace") || !strings.Contains(msgs[2], "not a regular file") {
				t.Errorf("Compose diagnostics:\n%s", strings.Join(msgs, "\n"))
			}
			var list completionList
			if err := s.Call(ctx, "textDocument/completion", docPos(compose, 10, len("      target: r")), &list); err != nil || len(list.Items) != 0 {
				t.Errorf("completion at a target in /etc/passwd: %v %+v", err, list)
			}

			// The targets command reads the Bake file from the disk, and
			// refuses a FIFO and /dev/zero.
			var builds []struct{ Name, Target string }
			bake := string(uri.File(filepath.Join(root, "docker-bake.hcl")))
			if err := s.Call(ctx, "workspace/executeCommand", map[string]any{"command": "dockerfile-lsp.targets", "arguments": []any{bake}}, &builds); err != nil ||
				len(builds) != 1 || builds[0].Target != "test" {
				t.Errorf("targets of the Bake file: %v %+v", err, builds)
			}
			for _, trap := range []string{filepath.Join("fifo", "Dockerfile"), "docker-bake.override.hcl"} {
				err := s.Call(ctx, "workspace/executeCommand", map[string]any{"command": "dockerfile-lsp.targets", "arguments": []any{string(uri.File(filepath.Join(root, trap)))}}, nil)
				if err == nil || !strings.Contains(err.Error(), "not a regular file") {
					t.Errorf("targets of %s: %v", trap, err)
				}
			}

			// File events on the traps, then a request still gets its answer.
			var changes []any
			for _, trap := range []string{"docker-bake.override.hcl", filepath.Join("ci", "build.sh"), filepath.Join("linked", "compose.yaml")} {
				changes = append(changes, map[string]any{"uri": string(uri.File(filepath.Join(root, trap))), "type": 2})
			}
			s.Notify("workspace/didChangeWatchedFiles", map[string]any{"changes": changes})
			var h map[string]any
			if err := s.Call(ctx, "textDocument/hover", docPos(df, 2, len("FROM base AS t")), &h); err != nil {
				t.Errorf("hover after the file events: %v", err)
			}

			if end == "exit" {
				if err := s.Call(ctx, "shutdown", nil, nil); err != nil {
					t.Fatalf("shutdown: %v", err)
				}
				s.Notify("exit", nil)
			} else {
				s.in.Close()
			}
			if code := s.wait(t); code != 0 {
				t.Errorf("status %d after %s", code, end)
			}
		})
	}
}

// TestUnsavedComposeEdit checks that the Dockerfile features read an open
// Compose file as the editor has it, from the moment it changes: the hover
// note on a stage, its references and the targets command follow an unsaved
// edit although no diagnostics run of the Compose file (which updates the
// workspace index) has happened yet; once it is closed unsaved, the disk's
// text counts again.
func TestUnsavedComposeEdit(t *testing.T) {
	root := copyTree(t, filepath.Join("..", "testdata", "targets"))
	s := newSession(t, Options{DiagnosticsDelay: time.Hour})
	ctx := testContext(t)
	s.initializeAt(t, root, `{"textDocument": {"hover": {"contentFormat": ["markdown"]}}}`)

	dockerfile := filepath.Join(root, "Dockerfile")
	data, _ := os.ReadFile(dockerfile)
	df := string(uri.File(dockerfile))
	s.open(t, df, string(data))
	// The workspace is indexed once UnusedStage speaks of Compose files.
	if _, err := s.NextDiagnostics(ctx, df, func(d *lsptest.Diagnostics) bool {
		return strings.Contains(fmt.Sprint(d.Diagnostics), "no Compose or Bake file")
	}); err != nil {
		t.Fatalf("no diagnostics with the workspace's targets: %v", err)
	}
	composePath := filepath.Join(root, "compose.yaml")
	disk, _ := os.ReadFile(composePath)
	compose := string(uri.File(composePath))
	s.open(t, compose, string(disk))
	edited := strings.Replace(string(disk), "target: dev", "target: docs", 1)
	s.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": compose, "version": 2}, "contentChanges": []any{map[string]any{"text": edited}}})

	stageAt := func(name string) map[string]any {
		for i, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "FROM ") && strings.HasSuffix(l, " AS "+name) {
				return docPos(df, i, len(l)-1)
			}
		}
		t.Fatalf("no stage %s", name)
		return nil
	}
	hover := func(stage string) string {
		var h struct {
			Contents struct{ Value string } `json:"contents"`
		}
		if err := s.Call(ctx, "textDocument/hover", stageAt(stage), &h); err != nil {
			t.Fatal(err)
		}
		return h.Contents.Value
	}
	const byApp = "compose.yaml:5 (service \"app\")"
	if h := hover("docs"); !strings.Contains(h, byApp) {
		t.Errorf("hover on docs after the unsaved edit: %q", h)
	}
	if h := hover("dev"); strings.Contains(h, byApp) {
		t.Errorf("hover on dev still says the disk's target: %q", h)
	}

	var refs []struct {
		URI   string        `json:"uri"`
		Range lsptest.Range `json:"range"`
	}
	at := stageAt("docs")
	at["context"] = map[string]any{"includeDeclaration": false}
	wantTarget := lsptest.Range{Start: lsptest.Position{Line: 4, Character: 14}, End: lsptest.Position{Line: 4, Character: 18}}
	if err := s.Call(ctx, "textDocument/references", at, &refs); err != nil || len(refs) != 1 || refs[0].URI != compose || refs[0].Range != wantTarget {
		t.Errorf("references of docs %v %+v", err, refs)
	}

	var stages []struct {
		Name       string   `json:"name"`
		TargetedBy []string `json:"targetedBy"`
	}
	if err := s.Call(ctx, "workspace/executeCommand", map[string]any{"command": "dockerfile-lsp.targets", "arguments": []any{df}}, &stages); err != nil {
		t.Fatal(err)
	}
	for _, st := range stages {
		if has := slices.Contains(st.TargetedBy, byApp); has != (st.Name == "docs") {
			t.Errorf("targets command: %s targeted by %v", st.Name, st.TargetedBy)
		}
	}

	// Closed without saving: the disk's text again.
	s.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": compose}})
	if h := hover("dev"); !strings.Contains(h, byApp) {
		t.Errorf("hover on dev after closing compose.yaml unsaved: %q", h)
	}
}
