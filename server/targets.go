package server

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/filekind"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/hover"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/navigate"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/features"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/index"
)

// Build targets. Compose and Bake documents (recognised by their file name,
// whatever their languageId) get completion, definition, hover and
// diagnostics of their target values instead of the Dockerfile features.
// Dockerfiles get UnusedStage with the workspace's targets, a hover on a
// stage name saying where it is built as a target, and a code lens per named
// stage showing how to build it. The workspace is indexed in the background
// from initialize on and kept current through workspace/didChangeWatchedFiles
// and the open documents. The engine is analysis/targets and its packages;
// this file only converts.

const (
	// targetsCommand returns the targets of a document: the stages of a
	// Dockerfile, the builds of a Compose or Bake file.
	targetsCommand = "dockerfile-lsp.targets"
	// showBuildCommand is behind the code lens of clients that cannot run a
	// build: it shows the command line to copy.
	showBuildCommand = "dockerfile-lsp.showBuildCommand"
	// runBuildCommand is the client-side command a client advertises, in
	// capabilities.experimental.commands, to run a build from a code lens.
	runBuildCommand = "dockerfile-lsp.runBuild"
)

func init() {
	handleNotification(protocol.MethodWorkspaceDidChangeWatchedFiles, (*Server).didChangeWatchedFiles)
	handleRequest(protocol.MethodTextDocumentCodeLens, (*Server).codeLens)
	handleCommand(targetsCommand, (*Server).targetsOf)
	handleCommand(showBuildCommand, (*Server).showBuild)
	advertise(func(c *protocol.ServerCapabilities, client *clientCaps) {
		c.CodeLensProvider = &protocol.CodeLensOptions{}
	})
}

// workspace is the session's index of build targets.
type workspace struct {
	once  sync.Once
	index *index.Index
	roots []string // set by initialize, read-only afterwards
}

func (w *workspace) idx() *index.Index {
	w.once.Do(func() { w.index = index.New(index.Options{}) })
	return w.index
}

// isTargetsDocument reports whether a document is a Compose or Bake file.
func (s *Server) isTargetsDocument(key uri.URI) bool {
	k := s.kindOf(key)
	return k == filekind.Compose || k == filekind.Bake
}

// fsPath is the file system path of a document, or its URI path when it is
// not a file.
func fsPath(key uri.URI) string {
	if key.IsFile() {
		return filepath.Clean(key.FsPath())
	}
	return key.Path()
}

// startWorkspace takes the workspace folders (or the root) from initialize
// and indexes them in the background.
func (s *Server) startWorkspace(p *protocol.InitializeParams) {
	var roots []string
	if folders, ok := p.WorkspaceFolders.Get(); ok {
		for _, f := range folders {
			if f.URI.IsFile() {
				roots = append(roots, filepath.Clean(f.URI.FsPath()))
			}
		}
	}
	if len(roots) == 0 && p.RootURI != nil && p.RootURI.IsFile() {
		roots = append(roots, filepath.Clean(p.RootURI.FsPath()))
	}
	if root, ok := p.RootPath.Get(); len(roots) == 0 && ok && root != "" {
		roots = append(roots, filepath.Clean(root))
	}
	s.ws.roots = roots
	if len(roots) == 0 {
		return
	}
	s.wg.Go(func() {
		start := time.Now()
		x := s.ws.idx()
		err := x.Scan(s.ctx, roots...)
		if err != nil {
			s.log.Info("workspace index stopped", zap.Error(err))
			return
		}
		s.log.Info("workspace indexed for build targets", zap.Strings("roots", roots), zap.Int("files", x.Files()),
			zap.Bool("truncated", x.Truncated()), zap.Duration("took", time.Since(start)))
		s.targetsChanged()
	})
}

// watchTargetFiles asks the client to report changes to the files that name
// targets, and to Dockerfiles that come and go.
func (s *Server) watchTargetFiles() {
	ws := s.client.Raw.Workspace
	if len(s.ws.roots) == 0 || ws == nil || ws.DidChangeWatchedFiles == nil || !isTrue(ws.DidChangeWatchedFiles.DynamicRegistration) {
		return
	}
	var watchers []protocol.FileSystemWatcher
	for _, glob := range targets.WatchGlobs() {
		watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: protocol.Pattern(glob)})
	}
	for _, glob := range filekind.Globs(filekind.Dockerfile) {
		watchers = append(watchers, protocol.FileSystemWatcher{
			GlobPattern: protocol.Pattern(glob),
			Kind:        protocol.WatchKindCreate | protocol.WatchKindDelete,
		})
	}
	opts, err := protocol.Marshal(&protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers})
	if err != nil {
		s.log.Warn("cannot encode the file watchers", zap.Error(err))
		return
	}
	s.wg.Go(func() {
		err := protocol.Call(s.ctx, s.conn, protocol.MethodClientRegisterCapability, &protocol.RegistrationParams{
			Registrations: []protocol.Registration{{ID: "dockerfile-lsp.targets.watch", Method: protocol.MethodWorkspaceDidChangeWatchedFiles, RegisterOptions: opts}},
		}, nil)
		if err != nil {
			s.log.Info("the client did not register the file watchers", zap.Error(err))
		}
	})
}

// didChangeWatchedFiles updates the index off the read goroutine (it reads
// the files) and analyses the open Dockerfiles again when a target moved.
func (s *Server) didChangeWatchedFiles(ctx context.Context, p *protocol.DidChangeWatchedFilesParams) {
	changes := p.Changes
	s.contextFilesChanged(changedPaths(changes))
	s.wg.Go(func() {
		changed := false
		for _, c := range changes {
			if !c.URI.IsFile() {
				continue
			}
			path := filepath.Clean(c.URI.FsPath())
			if targets.KindOf(path) == targets.None {
				// A Dockerfile that comes or goes changes which one a
				// relative path in a script means.
				changed = true
				continue
			}
			if s.ws.idx().Refresh(path) {
				changed = true
			}
		}
		if changed {
			s.targetsChanged()
		}
	})
}

// targetsChanged analyses the open Dockerfiles again: what the workspace
// targets decides UnusedStage.
func (s *Server) targetsChanged() {
	if s.state.Load() != stateRunning {
		return
	}
	for key, doc := range s.docs.all() {
		if !s.isTargetsDocument(key) {
			s.scheduleDiagnostics(key, doc, 0)
		}
	}
}

// targetsClosed gives the disk's text back to the index after a Compose or
// Bake file closes.
func (s *Server) targetsClosed(key uri.URI) {
	if !s.isTargetsDocument(key) || !key.IsFile() {
		return
	}
	s.wg.Go(func() {
		if s.ws.idx().Close(fsPath(key)) {
			s.targetsChanged()
		}
	})
}

// analyse is a document's diagnostics: the rules with the workspace's
// targets for a Dockerfile, the target checks for a Compose or Bake file.
func (s *Server) analyse(ctx context.Context, key uri.URI, doc *Document) []analysis.Diagnostic {
	if _, ok := ctx.Value(documentsKey{}).(*requestDocuments); !ok {
		ctx = withDocuments(ctx, s.docs.all()) // one workspace file source for the run
	}
	switch doc.Kind {
	case filekind.Dockerignore:
		return s.dockerignoreDiagnostics(ctx, key, doc)
	case filekind.Compose, filekind.Bake:
		path := fsPath(key)
		if key.IsFile() && s.ws.idx().Update(path, doc.File.Text) {
			s.targetsChanged()
		}
		ds := features.Diagnose(builds.Parse(path, doc.File.Text), s.resolver(ctx))
		return s.config.Load().Check.ApplySeverity(ds)
	case filekind.Dockerfile:
	default:
		return nil // no findings for a .dockerignore or another file yet
	}
	cfg := s.config.Load().Check
	if key.IsFile() {
		cfg.Targeted = s.ws.idx().Targeted(ctx, s.files(ctx), fsPath(key))
		cfg.Path = check.WorkspacePath(s.ws.roots, fsPath(key))
	}
	if cfg.Target != "" {
		if msg := cfg.UnknownTarget(doc.Model()); msg != "" {
			if _, shown := s.warnedTargets.LoadOrStore(cfg.Target, true); !shown {
				s.warnUser(fmt.Sprintf("dockerfile-lsp: %s of %s; the last stage is checked as the final one", msg, filepath.Base(fsPath(key))))
			}
		}
	}
	cfg.BuildContext, _ = s.buildContext(ctx, key)
	return boundedCheck(ctx, doc.File, cfg)
}

// openDocuments are the documents a request sees (or the current ones).
func (s *Server) openDocuments(ctx context.Context) map[uri.URI]*Document {
	docs := map[uri.URI]*Document{}
	for key, doc := range s.openDocumentsAt(ctx) {
		docs[key] = doc.snapshot()
	}
	return docs
}

// targetsDocument returns a Compose or Bake document.
func (s *Server) targetsDocument(ctx context.Context, key uri.URI) (*Document, bool) {
	return s.documentOf(ctx, key, filekind.Compose, filekind.Bake)
}

// resolver reads Dockerfiles and Bake files, open ones as the editor has
// them.
func (s *Server) resolver(ctx context.Context) *builds.Resolver {
	return &builds.Resolver{Files: s.files(ctx), Context: ctx}
}

// targetsCompletion completes stage names at a Compose or Bake target
// value. ok is false for other documents.
func (s *Server) targetsCompletion(ctx context.Context, p *protocol.CompletionParams) (protocol.CompletionResult, bool) {
	if !s.isTargetsDocument(p.TextDocument.URI) {
		return nil, false
	}
	list := &protocol.CompletionList{Items: []protocol.CompletionItem{}}
	doc, ok := s.targetsDocument(ctx, p.TextDocument.URI)
	if !ok {
		return list, true
	}
	enc := s.client.enc
	off := enc.offset(doc.File.Text, doc.File.Lines(), p.Position)
	res, ok := features.Complete(fsPath(p.TextDocument.URI), doc.File.Text, off, s.resolver(ctx))
	if !ok {
		return list, true
	}
	replace := enc.rangeOf(doc.File, res.Replace)
	for _, it := range res.Items {
		ci := protocol.CompletionItem{
			Label:    it.Label,
			Kind:     protocol.CompletionItemKindModule,
			TextEdit: &protocol.TextEdit{Range: replace, NewText: it.InsertText},
			SortText: protocol.NewOptional(it.SortText),
		}
		if it.Detail != "" {
			ci.Detail = protocol.NewOptional(it.Detail)
		}
		if it.Doc != "" {
			ci.Documentation = s.markup(it.Doc, false)
		}
		if it.InsertText != it.Label {
			ci.FilterText = protocol.NewOptional(it.InsertText)
		}
		list.Items = append(list.Items, ci)
	}
	return list, true
}

// targetsHover describes the stage a Compose or Bake target names.
func (s *Server) targetsHover(ctx context.Context, p *protocol.HoverParams) (*protocol.Hover, bool) {
	doc, ok := s.targetsDocument(ctx, p.TextDocument.URI)
	if !ok {
		return nil, s.isTargetsDocument(p.TextDocument.URI)
	}
	off := s.client.enc.offset(doc.File.Text, doc.File.Lines(), p.Position)
	text, at, ok := features.Hover(builds.Parse(fsPath(p.TextDocument.URI), doc.File.Text), off, s.resolver(ctx), s.client.HoverMarkdown)
	if !ok {
		return nil, true
	}
	r := s.client.enc.rangeOf(doc.File, at)
	return &protocol.Hover{Contents: s.markup(text, s.client.HoverMarkdown), Range: &r}, true
}

// targetsDefinition jumps from a Compose or Bake target to the name of the
// stage, from a dockerfile value to the Dockerfile.
func (s *Server) targetsDefinition(ctx context.Context, p *protocol.DefinitionParams) (protocol.DefinitionResult, bool) {
	out := protocol.LocationSlice{}
	doc, ok := s.targetsDocument(ctx, p.TextDocument.URI)
	if !ok {
		return out, s.isTargetsDocument(p.TextDocument.URI)
	}
	off := s.client.enc.offset(doc.File.Text, doc.File.Lines(), p.Position)
	loc, ok := features.Definition(builds.Parse(fsPath(p.TextDocument.URI), doc.File.Text), off, s.resolver(ctx))
	if !ok {
		return out, true
	}
	return append(out, s.fileLocation(ctx, loc.Path, loc.Text, loc.Range)), true
}

// fileLocation is a location in a file that may not be open: positions come
// from its text; the URI is the client's spelling when it is open.
func (s *Server) fileLocation(ctx context.Context, path, text string, r syntax.Range) protocol.Location {
	u := uri.File(path)
	for key, doc := range s.openDocuments(ctx) {
		if key.IsFile() && fsPath(key) == path {
			u = doc.URI
			break
		}
	}
	enc, lines := s.client.enc, syntax.NewLineIndex(text)
	return protocol.Location{URI: u, Range: protocol.Range{
		Start: enc.position(text, lines, r.Start),
		End:   enc.position(text, lines, max(r.Start, r.End)),
	}}
}

// withTargetsNote adds, on the name of a stage in a Dockerfile, where the
// workspace builds it as a target.
func (s *Server) withTargetsNote(ctx context.Context, doc *Document, off int, res hover.Result, ok bool) (hover.Result, bool) {
	if !doc.URI.IsFile() {
		return res, ok
	}
	note, at, found := features.StageNote(ctx, s.ws.idx(), s.files(ctx), fsPath(doc.URI), doc.Model(), off, s.client.HoverMarkdown)
	switch {
	case !found:
		return res, ok
	case !ok:
		return hover.Result{Text: note, Range: at}, true
	}
	res.Text += "\n\n" + note
	return res, true
}

// codeLens shows, on each named stage of a Dockerfile, the command that
// builds it. Clients that advertise runBuildCommand run it; others show it.
func (s *Server) codeLens(ctx context.Context, p *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	out := []protocol.CodeLens{}
	doc, ok := s.document(ctx, p.TextDocument.URI)
	if !ok {
		return out, nil
	}
	path := fsPath(p.TextDocument.URI)
	run := clientRunsBuilds(s.client)
	for _, st := range doc.Model().Stages {
		if st.Name == "" {
			continue
		}
		b := targets.BuildCommandFor(path, st.Name)
		arg, err := protocol.Marshal(b)
		if err != nil {
			return nil, err
		}
		cmd := protocol.Command{Title: b.Command, Command: showBuildCommand, Arguments: []protocol.LSPAny{arg}}
		if run {
			cmd.Title, cmd.Command = "▶ "+b.Command, runBuildCommand
		}
		out = append(out, protocol.CodeLens{Range: s.client.enc.rangeOf(doc.File, st.NameRange), Command: cmd})
	}
	return out, nil
}

// clientRunsBuilds reports whether the client lists runBuildCommand in
// capabilities.experimental.commands, as a list or as {"commands": [...]}
// (the convention rust-analyzer's clients follow).
func clientRunsBuilds(c *clientCaps) bool {
	var exp struct {
		Commands json.RawMessage `json:"commands"`
	}
	if len(c.Raw.Experimental) == 0 || json.Unmarshal(c.Raw.Experimental, &exp) != nil || len(exp.Commands) == 0 {
		return false
	}
	var list []string
	if json.Unmarshal(exp.Commands, &list) != nil {
		var nested struct {
			Commands []string `json:"commands"`
		}
		if json.Unmarshal(exp.Commands, &nested) != nil {
			return false
		}
		list = nested.Commands
	}
	for _, name := range list {
		if name == runBuildCommand {
			return true
		}
	}
	return false
}

// showBuild shows the command line of a lens to clients that cannot run it.
func (s *Server) showBuild(ctx context.Context, args []protocol.LSPAny) (any, error) {
	var b targets.BuildCommand
	if len(args) != 1 || json.Unmarshal(args[0], &b) != nil || b.Command == "" {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s takes the lens's build command", showBuildCommand)
	}
	s.notifyClient(protocol.MethodWindowShowMessage, &protocol.ShowMessageParams{
		Type:    protocol.MessageTypeInfo,
		Message: fmt.Sprintf("In %s run: %s", b.Cwd, b.Command),
	})
	return nil, nil
}

// targetsOf answers targetsCommand: its argument is a document URI, or
// {"uri": ...}. A Dockerfile gives its stages with where each is targeted, a
// Compose or Bake file its builds.
func (s *Server) targetsOf(ctx context.Context, args []protocol.LSPAny) (any, error) {
	var raw string
	if len(args) == 1 {
		if json.Unmarshal(args[0], &raw) != nil {
			var obj struct {
				URI string `json:"uri"`
			}
			_ = json.Unmarshal(args[0], &obj)
			raw = obj.URI
		}
	}
	if raw == "" {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s takes a document URI", targetsCommand)
	}
	key, err := uri.Parse(raw)
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: %v", targetsCommand, err)
	}
	text, path := "", fsPath(key)
	if doc, ok := s.documentOf(ctx, key); ok {
		text = doc.File.Text
	} else if key.IsFile() {
		// The client names the file, as the user does a document they open:
		// it may be outside the workspace, but it is still bounded.
		if text, _, err = s.files(ctx).ReadNamed(ctx, path); err != nil {
			return nil, jsonrpc2.Errorf(requestFailed, "%s: %v", targetsCommand, err)
		}
	}
	if s.isTargetsDocument(key) {
		return features.BuildTargets(ctx, s.files(ctx), path, text), nil
	}
	x := s.ws.idx()
	if !key.IsFile() {
		x = nil
	}
	return features.DockerfileTargets(ctx, x, s.files(ctx), path, text), nil
}

// stageTargets are the Compose and Bake target values in the workspace that
// build the named stage at off of the Dockerfile key: references include
// them and a rename changes them too.
func (s *Server) stageTargets(ctx context.Context, key uri.URI, x *navigate.Index, off int) []features.TargetValue {
	sym, ok := x.At(off)
	if !ok || sym.Kind != navigate.StageSymbol || sym.Stage == nil || sym.Stage.Name == "" || !key.IsFile() {
		return nil
	}
	return features.TargetValues(ctx, s.ws.idx(), s.files(ctx), fsPath(key), sym.Stage.Name)
}

// addFileEdits adds edits of another file to a workspace edit, versioned
// when that file is open.
func (s *Server) addFileEdits(ctx context.Context, edit *protocol.WorkspaceEdit, path string, edits []protocol.TextEdit) {
	u := uri.File(path)
	var version *int32
	for key, doc := range s.openDocuments(ctx) {
		if key.IsFile() && fsPath(key) == path {
			u, version = doc.URI, &doc.Version
			break
		}
	}
	s.appendEdits(edit, u, version, edits)
}
