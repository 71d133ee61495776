package server

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/filekind"
	"github.com/dockerfile-lsp/dockerfile-lsp/completion"
)

// The build context of each open Dockerfile (issue 14): which folder it is,
// why, and its walk, cached across requests and kept current through file
// watchers and didSave. The engine is analysis/buildcontext; this file
// chooses the folder and wires the cache to the features.

// buildContexts holds the session's walks.
type buildContexts struct {
	once   sync.Once
	cache  *buildcontext.Cache
	logged sync.Map // context folder → the last *buildcontext.Context logged as incomplete
}

// contextCache is the session's cache. A .dockerignore open in the editor
// is read as the editor has it (so fixes that append to it meet the text
// they were computed on); others from disk, within the workspace folders:
// both through the workspace file source.
func (s *Server) contextCache() *buildcontext.Cache {
	s.bctx.once.Do(func() {
		read := func(p string) ([]byte, error) {
			text, _, err := s.files(s.ctx).Read(s.ctx, p)
			return []byte(text), err
		}
		s.bctx.cache = buildcontext.NewCache(read, buildcontext.Limits{})
	})
	return s.bctx.cache
}

// contextChoice is the build context of a Dockerfile and why it is that one.
type contextChoice struct {
	Dir string // absolute
	Why string // "the Dockerfile's folder", "the context setting", `compose.yaml:3 (service "api")`
}

// chooseContext picks the build context of the Dockerfile at path: the
// context setting, else the Compose service or Bake target of the workspace
// that builds it, else its own folder. ok is false outside the workspace
// folders: the walk lists folders directly and must not wander off.
func (s *Server) chooseContext(ctx context.Context, path string) (contextChoice, bool) {
	if len(s.ws.roots) == 0 {
		return contextChoice{}, false
	}
	var c contextChoice
	if set := s.config.Load().Context; set != "" {
		dir := filepath.FromSlash(set)
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(s.ws.roots[0], dir)
		}
		c = contextChoice{Dir: filepath.Clean(dir), Why: "the context setting"}
	} else if r, ok := s.ws.idx().ContextOf(ctx, s.files(ctx), path); ok {
		c = contextChoice{Dir: r.Context, Why: r.Where()}
	} else {
		c = contextChoice{Dir: filepath.Dir(path), Why: "the Dockerfile's folder"}
	}
	return c, s.inWorkspace(c.Dir)
}

// inWorkspace reports whether p is a workspace folder or lies inside one.
func (s *Server) inWorkspace(p string) bool {
	for _, root := range s.ws.roots {
		if rel, err := filepath.Rel(root, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// buildContext returns the walk of the build context of the Dockerfile key,
// walking it on first use; nil when it is unknown (not a file, outside the
// workspace, the folder is missing, ctx ended).
func (s *Server) buildContext(ctx context.Context, key uri.URI) (*buildcontext.Context, contextChoice) {
	if !key.IsFile() {
		return nil, contextChoice{}
	}
	path := fsPath(key)
	choice, ok := s.chooseContext(ctx, path)
	if !ok {
		return nil, choice
	}
	c, err := s.contextCache().Get(ctx, choice.Dir, path)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			s.log.Debug("no build context", zap.String("dir", choice.Dir), zap.Error(err))
		}
		return nil, choice
	}
	if last, _ := s.bctx.logged.Swap(c.Dir, c); last != c {
		fields := []zap.Field{zap.String("dir", c.Dir), zap.String("why", choice.Why), zap.Int("paths", c.Len()), zap.Duration("took", c.Elapsed)}
		if c.Complete {
			s.log.Info("build context walked", fields...)
		} else {
			s.log.Info("build context walk incomplete: a bound was hit", append(fields, zap.Stringer("bound", c.Bound), zap.NamedError("ignoreFile", c.Ignore.Err))...)
		}
	}
	return c, choice
}

// contextHoverLine says which context a Dockerfile is built with, for the
// hover of its first FROM.
func (s *Server) contextHoverLine(ctx context.Context, key uri.URI) string {
	if !key.IsFile() {
		return ""
	}
	choice, ok := s.chooseContext(ctx, fsPath(key))
	if !ok {
		return ""
	}
	dir := choice.Dir
	for _, root := range s.ws.roots {
		if rel, err := filepath.Rel(root, dir); err == nil && !strings.HasPrefix(rel, "..") {
			dir = filepath.ToSlash(rel)
			break
		}
	}
	if s.client.HoverMarkdown {
		return fmt.Sprintf("Build context: `%s` (%s)", dir, choice.Why)
	}
	return fmt.Sprintf("Build context: %s (%s)", dir, choice.Why)
}

// contextFilesChanged forgets the walks that changed files affect, at once
// (a request that follows the notification must not see them), and
// analyses again, off the calling goroutine, the open documents that depend
// on them.
func (s *Server) contextFilesChanged(paths []string) {
	if len(paths) == 0 {
		return
	}
	cache := s.contextCache()
	for _, p := range paths {
		cache.Invalidate(p)
	}
	if s.state.Load() != stateRunning {
		return
	}
	s.wg.Go(func() {
		for key, doc := range s.docs.all() {
			if key.IsFile() && doc.kind == filekind.Dockerfile && s.dependsOn(key, paths) {
				s.scheduleDiagnostics(key, doc, 0)
			}
		}
	})
}

// dependsOn reports whether the analysis of the open document key may change
// with the files at paths: they lie in its build context, or one is its
// per-Dockerfile .dockerignore.
func (s *Server) dependsOn(key uri.URI, paths []string) bool {
	path := fsPath(key)
	if df, ok := dockerignoreOwner(path); ok {
		path = df
	}
	choice, ok := s.chooseContext(s.ctx, path)
	if !ok {
		return false
	}
	for _, p := range paths {
		if p == path+".dockerignore" || p == choice.Dir || strings.HasPrefix(p, choice.Dir+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// watchContextFiles asks the client to report .dockerignore changes and,
// for the walks, every file that comes, goes or changes in the workspace.
func (s *Server) watchContextFiles() {
	ws := s.client.Raw.Workspace
	if len(s.ws.roots) == 0 || ws == nil || ws.DidChangeWatchedFiles == nil || !isTrue(ws.DidChangeWatchedFiles.DynamicRegistration) {
		return
	}
	var watchers []protocol.FileSystemWatcher
	for _, glob := range []string{"**/.dockerignore", "**/*.dockerignore"} {
		watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: protocol.Pattern(glob)})
	}
	watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: protocol.Pattern("**/*"), Kind: protocol.WatchKindCreate | protocol.WatchKindDelete})
	opts, err := protocol.Marshal(&protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers})
	if err != nil {
		s.log.Warn("cannot encode the build context watchers", zap.Error(err))
		return
	}
	s.wg.Go(func() {
		err := protocol.Call(s.ctx, s.conn, protocol.MethodClientRegisterCapability, &protocol.RegistrationParams{
			Registrations: []protocol.Registration{{ID: "dockerfile-lsp.context.watch", Method: protocol.MethodWorkspaceDidChangeWatchedFiles, RegisterOptions: opts}},
		}, nil)
		if err != nil {
			s.log.Info("the client did not register the build context watchers", zap.Error(err))
		}
	})
}

// contextDocClosed walks again what a closed .dockerignore changes: its
// text is the disk's again.
func (s *Server) contextDocClosed(key uri.URI) {
	if isDockerignoreDocument(key) && key.IsFile() {
		s.contextFilesChanged([]string{fsPath(key)})
	}
}

// didSave refreshes what a saved file changes in the build contexts: a
// .dockerignore saved from the editor changes the walks before the
// watcher's event arrives, and clients without watchers send only this.
func (s *Server) didSave(ctx context.Context, p *protocol.DidSaveTextDocumentParams) {
	if !p.TextDocument.URI.IsFile() {
		return
	}
	s.contextFilesChanged([]string{fsPath(p.TextDocument.URI)})
}

func init() {
	handleNotification(protocol.MethodTextDocumentDidSave, (*Server).didSave)
}

// changedPaths are the file system paths of watched-file events.
func changedPaths(changes []protocol.FileEvent) []string {
	var out []string
	for _, c := range changes {
		if c.URI.IsFile() {
			out = append(out, filepath.Clean(c.URI.FsPath()))
		}
	}
	return out
}

// completionEnv gives completion the build context of the Dockerfile key,
// walked only when a context path is completed.
func (s *Server) completionEnv(ctx context.Context, key uri.URI) completion.Env {
	return completion.Env{BuildContext: func() *buildcontext.Context {
		c, _ := s.buildContext(ctx, key)
		return c
	}}
}
