// Package index keeps, for a workspace, which files build which stages of
// which Dockerfiles as targets (for the UnusedStage rule, the hover note on
// a stage, references and rename) and which Compose service or Bake target
// gives a Dockerfile its build context. It walks the workspace once, bounded,
// and is kept current one file at a time; the texts of the documents open in
// the editor come from a wsfile.Source and win over the disk's.
package index

import (
	"context"
	"io/fs"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/builds"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
)

// Options bound the work of an Index.
type Options struct {
	MaxFiles    int   // files read and indexed per root; default 5,000
	MaxEntries  int   // folder entries looked at per root; default 200,000
	MaxFileSize int64 // larger files are left out; default 1 MiB
	MaxDepth    int   // folders deeper than this are left out; default 24
}

func (o Options) withDefaults() Options {
	if o.MaxFiles <= 0 {
		o.MaxFiles = 5000
	}
	if o.MaxEntries <= 0 {
		o.MaxEntries = 200000
	}
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = 1 << 20
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = 24
	}
	return o
}

// Index knows, for a workspace, which files build which stages as targets.
// Scan walks the workspace once, bounded by Options; Refresh keeps it current
// one file at a time, Update and Close follow the editor's text of a file.
// It is safe for concurrent use.
type Index struct {
	opts Options

	mu        sync.RWMutex
	roots     []string
	ignores   map[string]gitignore     // root → what its own .gitignore excludes
	files     map[string][]targets.Ref // indexed file → what its disk text targets
	open      map[string]editorText    // file → the editor's text given to Update
	seen      map[string]editorText    // file → the last other editor text a query met
	scanned   bool
	truncated bool
}

// editorText is the editor's text of a file with what it targets.
type editorText struct {
	text string
	refs []targets.Ref
}

// New returns an empty index.
func New(opts Options) *Index {
	return &Index{opts: opts.withDefaults(), files: map[string][]targets.Ref{}, open: map[string]editorText{},
		seen: map[string]editorText{}, ignores: map[string]gitignore{}}
}

// Scan indexes every file under roots that may name targets, skipping
// version control, dependency and cache folders and what each root's
// .gitignore files exclude. It stops early when ctx is done or a limit is
// reached (Truncated then reports it).
func (x *Index) Scan(ctx context.Context, roots ...string) error {
	found := map[string][]targets.Ref{}
	truncated := false
	ignores := map[string]gitignore{}
	var err error
	all := cleanAll(roots)
	for _, root := range all {
		var t bool
		ignores[root], t, err = x.walk(ctx, root, all, found)
		truncated = truncated || t
		if err != nil {
			break
		}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.roots = all
	x.ignores = ignores
	x.files = found
	x.scanned = true
	x.truncated = truncated
	return err
}

func cleanAll(ps []string) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, filepath.Clean(p))
	}
	return out
}

// walk indexes the files under root. It follows no symlink: WalkDir does not
// enter symlinked folders, and only regular files are read, so nothing
// outside the root is reached and no FIFO or device is opened.
func (x *Index) walk(ctx context.Context, root string, roots []string, found map[string][]targets.Ref) (gitignore, bool, error) {
	disk := &wsfile.Source{Roots: []string{root}, MaxSize: x.opts.MaxFileSize}
	read := func(p string) ([]byte, error) {
		text, _, err := disk.Read(ctx, p)
		return []byte(text), err
	}
	rootIgnore := gitignore{}.readGitignore(read, root, "")
	ignores := rootIgnore
	entries, files := 0, 0
	truncated := false
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			if e != nil && e.IsDir() && p != root {
				return fs.SkipDir
			}
			return nil
		}
		entries++
		if entries > x.opts.MaxEntries || files >= x.opts.MaxFiles {
			truncated = true
			return fs.SkipAll
		}
		if p == root {
			return nil
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
		if e.IsDir() {
			if skippedDirs[e.Name()] || strings.Count(rel, "/") >= x.opts.MaxDepth || ignores.ignored(rel, true) {
				return fs.SkipDir
			}
			ignores = ignores.readGitignore(read, p, rel)
			return nil
		}
		if !e.Type().IsRegular() || targets.KindOf(rel) == targets.None || ignores.ignored(rel, false) {
			return nil
		}
		data, err := read(p)
		if err != nil {
			return nil
		}
		files++
		refs := Refs(p, string(data), root, &builds.Resolver{Files: &wsfile.Source{Roots: roots}, Context: ctx})
		setRel(refs, root)
		found[p] = refs
		return nil
	})
	return rootIgnore, truncated, err
}

func setRel(refs []targets.Ref, root string) {
	for i := range refs {
		refs[i].Rel = targets.RelPath(root, refs[i].File)
	}
}

// rootOf is the workspace root that holds p, or p's folder.
func (x *Index) rootOf(p string) string {
	best := ""
	for _, r := range x.roots {
		if (p == r || strings.HasPrefix(p, r+string(filepath.Separator))) && len(r) > len(best) {
			best = r
		}
	}
	if best == "" {
		return filepath.Dir(p)
	}
	return best
}

// indexable reports whether p is a file the index keeps: one that may name
// targets, in no skipped or ignored folder of its root.
func (x *Index) indexable(p string) bool {
	if targets.KindOf(p) == targets.None {
		return false
	}
	root := x.rootOf(p)
	rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
	ignores := x.ignores[root]
	parts := strings.Split(rel, "/")
	for i, part := range parts[:len(parts)-1] {
		if skippedDirs[part] || ignores.ignored(strings.Join(parts[:i+1], "/"), true) {
			return false
		}
	}
	return !ignores.ignored(rel, false)
}

// changed reports whether two lists of refs differ.
func changed(old, refs []targets.Ref) bool {
	return len(old) != len(refs) || len(refs) > 0 && !reflect.DeepEqual(old, refs)
}

// refsOf reads what the text of p targets; the Bake files beside it are read
// through files.
func (x *Index) refsOf(ctx context.Context, p, text string, files *wsfile.Source) []targets.Ref {
	x.mu.RLock()
	root, roots := x.rootOf(p), x.roots
	x.mu.RUnlock()
	if len(roots) == 0 {
		roots = []string{root}
	}
	src := &wsfile.Source{Roots: roots}
	if files != nil {
		src.Open = files.Open
	}
	refs := Refs(p, text, root, &builds.Resolver{Files: src, Context: ctx})
	setRel(refs, root)
	return refs
}

// current is what p targets by the editor's text when it is open (Update),
// else by the disk's. Callers hold x.mu.
func (x *Index) current(p string) []targets.Ref {
	if e, ok := x.open[p]; ok {
		return e.refs
	}
	return x.files[p]
}

// Update indexes p with the text the editor has; it keeps that text over the
// disk's until Close. It reports whether what the file targets changed.
func (x *Index) Update(p, text string) bool {
	p = filepath.Clean(p)
	x.mu.RLock()
	ok := x.indexable(p)
	x.mu.RUnlock()
	if !ok || int64(len(text)) > x.opts.MaxFileSize {
		return false
	}
	refs := x.refsOf(context.Background(), p, text, nil)
	x.mu.Lock()
	defer x.mu.Unlock()
	old := x.current(p)
	x.open[p] = editorText{text: text, refs: refs}
	return changed(old, refs)
}

// Close goes back to the disk's text of p after the editor closed it.
func (x *Index) Close(p string) bool {
	p = filepath.Clean(p)
	x.mu.Lock()
	e, ok := x.open[p]
	delete(x.open, p)
	delete(x.seen, p)
	x.mu.Unlock()
	if !ok {
		return false
	}
	x.Refresh(p) // the file may have been saved or deleted meanwhile
	x.mu.Lock()
	defer x.mu.Unlock()
	return changed(e.refs, x.files[p])
}

// Refresh reads p from the disk again (it was created or changed) or drops
// it (it was deleted). A file open in the editor keeps the editor's text
// until Close. It reports whether what the workspace targets changed.
func (x *Index) Refresh(p string) bool {
	p = filepath.Clean(p)
	x.mu.RLock()
	ok, roots := x.indexable(p), x.roots
	if len(roots) == 0 {
		roots = []string{x.rootOf(p)}
	}
	x.mu.RUnlock()
	if !ok {
		return false
	}
	var refs []targets.Ref
	text, _, err := (&wsfile.Source{Roots: roots, MaxSize: x.opts.MaxFileSize}).Read(context.Background(), p)
	present := err == nil
	if present {
		refs = x.refsOf(context.Background(), p, text, nil)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	old, had := x.files[p]
	if present {
		x.files[p] = refs
	} else {
		delete(x.files, p)
	}
	_, open := x.open[p]
	return !open && (had || present) && changed(old, refs)
}

// maxSeen bounds the editor texts remembered for queries: a few documents
// are open at a time.
const maxSeen = 64

// editorRefs is what the editor's text of p targets, read again only when
// it is not the text last seen.
func (x *Index) editorRefs(ctx context.Context, p, text string, files *wsfile.Source) ([]targets.Ref, bool) {
	x.mu.RLock()
	ok := x.indexable(p)
	e, isOpen := x.open[p]
	if !isOpen || e.text != text {
		e, isOpen = x.seen[p]
	}
	x.mu.RUnlock()
	if !ok || int64(len(text)) > x.opts.MaxFileSize {
		return nil, false
	}
	if isOpen && e.text == text {
		return e.refs, true
	}
	refs := x.refsOf(ctx, p, text, files)
	x.mu.Lock()
	if len(x.seen) >= maxSeen {
		clear(x.seen)
	}
	x.seen[p] = editorText{text: text, refs: refs}
	x.mu.Unlock()
	return refs, true
}

// each calls f with what every indexed file targets: the editor's text of
// the files open in files (nil: those given to Update) wins over the disk's.
func (x *Index) each(ctx context.Context, files *wsfile.Source, f func([]targets.Ref)) {
	x.mu.RLock()
	for p, refs := range x.files {
		if files == nil {
			refs = x.current(p)
		} else if _, open := files.OpenText(p); open {
			continue
		}
		f(refs)
	}
	if files == nil {
		for p, e := range x.open {
			if _, indexed := x.files[p]; !indexed {
				f(e.refs)
			}
		}
	}
	x.mu.RUnlock()
	if files == nil {
		return
	}
	for p, text := range files.Open {
		if refs, ok := x.editorRefs(ctx, p, text, files); ok {
			f(refs)
		}
	}
}

// Scanned reports whether a Scan has finished; Truncated whether it stopped
// at a limit.
func (x *Index) Scanned() bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.scanned
}

// Truncated reports whether the last Scan stopped at a limit.
func (x *Index) Truncated() bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.truncated
}

// Files is the number of files indexed.
func (x *Index) Files() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.files)
}

// RefsTo returns the places that build a stage of the Dockerfile at p as a
// target, by file and line, with the editor's text of the files open in
// files.
func (x *Index) RefsTo(ctx context.Context, files *wsfile.Source, dockerfile string) []targets.Ref {
	dockerfile = filepath.Clean(dockerfile)
	var out []targets.Ref
	x.each(ctx, files, func(refs []targets.Ref) {
		for _, r := range refs {
			if r.Stage != "" && r.Targets(dockerfile, files.IsFile) {
				out = append(out, r)
			}
		}
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Range.Start < out[j].Range.Start
	})
	return out
}

// ContextOf returns the Compose service or Bake target that builds the
// Dockerfile at p with a known context folder (Ref.Context), the first by
// file and line when several do, with the editor's text of the files open in
// files.
func (x *Index) ContextOf(ctx context.Context, files *wsfile.Source, dockerfile string) (targets.Ref, bool) {
	dockerfile = filepath.Clean(dockerfile)
	var best targets.Ref
	found := false
	x.each(ctx, files, func(refs []targets.Ref) {
		for _, r := range refs {
			if r.Context == "" || !r.Exact || len(r.Candidates) == 0 || r.Candidates[0] != dockerfile {
				continue
			}
			if !found || r.File < best.File || r.File == best.File && r.Range.Start < best.Range.Start {
				best, found = r, true
			}
		}
	})
	return best, found
}

// Targeted is what the UnusedStage rule needs (check.Config.Targeted): for
// the Dockerfile at p, each targeted stage name and where it is targeted.
// It is nil until a Scan has finished, when the workspace is still unknown.
func (x *Index) Targeted(ctx context.Context, files *wsfile.Source, dockerfile string) map[string][]string {
	if !x.Scanned() {
		return nil
	}
	out := map[string][]string{}
	for _, r := range x.RefsTo(ctx, files, dockerfile) {
		out[r.Stage] = append(out[r.Stage], r.Where())
	}
	return out
}
