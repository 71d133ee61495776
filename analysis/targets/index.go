package targets

import (
	"context"
	"io/fs"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"

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
// Scan walks the workspace once, bounded by Options; Update, Refresh and
// Remove keep it current one file at a time. It is safe for concurrent use.
type Index struct {
	opts Options

	mu        sync.RWMutex
	roots     []string
	ignores   map[string][]ignorePattern // root → its .gitignore patterns
	files     map[string][]Ref           // indexed file → what it targets
	open      map[string]bool            // files whose text comes from the editor
	scanned   bool
	truncated bool
	gen       uint64
}

// NewIndex returns an empty index.
func NewIndex(opts Options) *Index {
	return &Index{opts: opts.withDefaults(), files: map[string][]Ref{}, open: map[string]bool{}, ignores: map[string][]ignorePattern{}}
}

// Scan indexes every file under roots that may name targets, skipping
// version control, dependency and cache folders and what each root's
// .gitignore files exclude. It stops early when ctx is done or a limit is
// reached (Truncated then reports it). Files given to Update keep the
// editor's text.
func (x *Index) Scan(ctx context.Context, roots ...string) error {
	found := map[string][]Ref{}
	truncated := false
	ignores := map[string][]ignorePattern{}
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
	for p := range x.open {
		found[p] = x.files[p]
	}
	x.roots = all
	x.ignores = ignores
	x.files = found
	x.scanned = true
	x.truncated = truncated
	x.gen++
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
func (x *Index) walk(ctx context.Context, root string, roots []string, found map[string][]Ref) ([]ignorePattern, bool, error) {
	read := func(p string) ([]byte, error) {
		return wsfile.Read(ctx, p, wsfile.Options{Roots: []string{root}, MaxSize: x.opts.MaxFileSize})
	}
	rootIgnore := readIgnore(read, root, "")
	patterns := append([]ignorePattern(nil), rootIgnore...)
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
			if skippedDirs[e.Name()] || strings.Count(rel, "/") >= x.opts.MaxDepth || ignored(patterns, rel, true) {
				return fs.SkipDir
			}
			patterns = append(patterns, readIgnore(read, p, rel)...)
			return nil
		}
		if !e.Type().IsRegular() || KindOf(rel) == None || ignored(patterns, rel, false) {
			return nil
		}
		data, err := read(p)
		if err != nil {
			return nil
		}
		files++
		refs := Refs(p, string(data), root, &Resolver{Roots: roots, Context: ctx})
		setRel(refs, root)
		found[p] = refs
		return nil
	})
	return rootIgnore, truncated, err
}

func setRel(refs []Ref, root string) {
	for i := range refs {
		refs[i].Rel = relPath(root, refs[i].File)
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
	if KindOf(p) == None {
		return false
	}
	root := x.rootOf(p)
	rel := filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))
	patterns := x.ignores[root]
	parts := strings.Split(rel, "/")
	for i, part := range parts[:len(parts)-1] {
		if skippedDirs[part] || ignored(patterns, strings.Join(parts[:i+1], "/"), true) {
			return false
		}
	}
	return !ignored(patterns, rel, false)
}

// set replaces the refs of p and reports whether anything changed.
func (x *Index) set(p string, refs []Ref, present bool) bool {
	old, had := x.files[p]
	if !present {
		if !had {
			return false
		}
		delete(x.files, p)
		x.gen++
		return len(old) > 0
	}
	x.files[p] = refs
	if had && reflect.DeepEqual(old, refs) || !had && len(refs) == 0 {
		return false
	}
	x.gen++
	return true
}

// Update indexes p with the text the editor has; it keeps that text over the
// disk's until Close. It reports whether what the file targets changed.
func (x *Index) Update(p, text string) bool {
	p = filepath.Clean(p)
	x.mu.RLock()
	ok := x.indexable(p)
	root, roots := x.rootOf(p), x.roots
	x.mu.RUnlock()
	if !ok || int64(len(text)) > x.opts.MaxFileSize {
		return false
	}
	refs := Refs(p, text, root, &Resolver{Roots: roots})
	setRel(refs, root)
	x.mu.Lock()
	defer x.mu.Unlock()
	x.open[p] = true
	return x.set(p, refs, true)
}

// Close goes back to the disk's text of p after the editor closed it.
func (x *Index) Close(p string) bool {
	p = filepath.Clean(p)
	x.mu.Lock()
	delete(x.open, p)
	x.mu.Unlock()
	return x.Refresh(p)
}

// Refresh reads p from the disk again (it was created or changed) or drops
// it (it was deleted). Files open in the editor keep the editor's text. It
// reports whether what the file targets changed.
func (x *Index) Refresh(p string) bool {
	p = filepath.Clean(p)
	x.mu.RLock()
	open, ok, root, roots := x.open[p], x.indexable(p), x.rootOf(p), x.roots
	x.mu.RUnlock()
	if open || !ok {
		return false
	}
	var refs []Ref
	present := false
	if len(roots) == 0 {
		roots = []string{root}
	}
	if data, err := wsfile.Read(context.Background(), p, wsfile.Options{Roots: roots, MaxSize: x.opts.MaxFileSize}); err == nil {
		refs, present = Refs(p, string(data), root, &Resolver{Roots: roots}), true
		setRel(refs, root)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.set(p, refs, present)
}

// Generation changes whenever what the index knows changes.
func (x *Index) Generation() uint64 {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.gen
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
// target, by file and line.
func (x *Index) RefsTo(dockerfile string) []Ref {
	dockerfile = filepath.Clean(dockerfile)
	x.mu.RLock()
	var out []Ref
	for _, refs := range x.files {
		for _, r := range refs {
			if r.Stage != "" && r.Targets(dockerfile) {
				out = append(out, r)
			}
		}
	}
	x.mu.RUnlock()
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
// file and line when several do.
func (x *Index) ContextOf(dockerfile string) (Ref, bool) {
	dockerfile = filepath.Clean(dockerfile)
	var best Ref
	found := false
	x.mu.RLock()
	defer x.mu.RUnlock()
	for _, refs := range x.files {
		for _, r := range refs {
			if r.Context == "" || !r.Exact || len(r.Candidates) == 0 || r.Candidates[0] != dockerfile {
				continue
			}
			if !found || r.File < best.File || r.File == best.File && r.Range.Start < best.Range.Start {
				best, found = r, true
			}
		}
	}
	return best, found
}

// Targeted is what the UnusedStage rule needs (check.Config.Targeted): for
// the Dockerfile at p, each targeted stage name and where it is targeted.
// It is nil until a Scan has finished, when the workspace is still unknown.
func (x *Index) Targeted(dockerfile string) map[string][]string {
	if !x.Scanned() {
		return nil
	}
	out := map[string][]string{}
	for _, r := range x.RefsTo(dockerfile) {
		out[r.Stage] = append(out[r.Stage], r.Where())
	}
	return out
}
