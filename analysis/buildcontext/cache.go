package buildcontext

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
)

// Cache keeps one walk per context folder and Dockerfile (the Dockerfile
// picks the .dockerignore). A walk happens on the first Get after a change;
// concurrent Gets of one context share it.
type Cache struct {
	read   ReadFunc
	limits Limits

	mu    sync.Mutex
	walks map[cacheKey]*cached
}

type cacheKey struct{ dir, dockerfile string }

type cached struct {
	done chan struct{}
	ctx  *Context
	err  error
	cut  bool // the walk's context ended: waiters walk again
}

// NewCache returns an empty cache that reads .dockerignore files with read.
func NewCache(read ReadFunc, limits Limits) *Cache {
	return &Cache{read: read, limits: limits, walks: map[cacheKey]*cached{}}
}

// Get returns the walk of the context folder dir for the Dockerfile at
// dockerfile (absolute paths; dockerfile may be empty), walking it if
// needed. A walk cut short by ctx is returned to its caller but not kept,
// nor handed to the callers waiting for it: they walk again. An error (the
// folder is missing) is kept until Invalidate drops it.
func (c *Cache) Get(ctx context.Context, dir, dockerfile string) (*Context, error) {
	key := cacheKey{dir: filepath.Clean(dir)}
	if dockerfile != "" {
		key.dockerfile = filepath.Clean(dockerfile)
	}
	for {
		c.mu.Lock()
		w, ok := c.walks[key]
		if !ok {
			w = &cached{done: make(chan struct{})}
			c.walks[key] = w
		}
		c.mu.Unlock()
		if !ok {
			return c.walk(ctx, key, w)
		}
		select {
		case <-w.done:
			if !w.cut {
				return w.ctx, w.err
			}
			// The caller that walked gave up: this one walks again.
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// walk fills w, the cache entry of key.
func (c *Cache) walk(ctx context.Context, key cacheKey, w *cached) (*Context, error) {
	w.ctx, w.err = Load(ctx, Options{Dir: key.dir, Dockerfile: key.dockerfile, Read: c.read, Limits: c.limits})
	if ctx.Err() != nil {
		w.cut = true
		c.drop(key, w)
	}
	close(w.done)
	return w.ctx, w.err
}

// Invalidate forgets every walk that a change of the file or folder at path
// (absolute) may affect: the contexts that hold it, and those whose
// Dockerfile it is the per-Dockerfile .dockerignore of. Call it for
// workspace/didChangeWatchedFiles events (created, changed, deleted) and on
// didSave; the next Get walks again.
func (c *Cache) Invalidate(path string) {
	path = filepath.Clean(path)
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.walks {
		if path == k.dir || strings.HasPrefix(path, k.dir+string(filepath.Separator)) || k.dockerfile != "" && path == k.dockerfile+".dockerignore" {
			delete(c.walks, k)
		}
	}
}

// drop forgets w if it is still the cached walk of key.
func (c *Cache) drop(key cacheKey, w *cached) {
	c.mu.Lock()
	if c.walks[key] == w {
		delete(c.walks, key)
	}
	c.mu.Unlock()
}
