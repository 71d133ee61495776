package buildcontext

import (
	"fmt"
	"io/fs"
	"path/filepath"
)

// MaxReadSize caps what ReadFile reads: project files that rules consult
// are small, and a large one is not worth holding.
const MaxReadSize = 1 << 20

type readResult struct {
	data []byte
	err  error
}

// ReadFile returns the content of the context file at p (a context path,
// cleaned with Clean) when BuildKit sends it: a regular file the walk
// recorded and the .dockerignore does not exclude. It reads through the
// reader given to Load, once per walk: the walk is dropped when a file of
// the context changes (Cache.Invalidate), and the content with it.
func (c *Context) ReadFile(p string) ([]byte, error) {
	p = Clean(p)
	if r, ok := c.files.Load(p); ok {
		return r.(readResult).data, r.(readResult).err
	}
	var r readResult
	e, ok := c.Lookup(p)
	switch {
	case !ok || !e.Sent:
		r.err = fmt.Errorf("%s: %w", p, fs.ErrNotExist)
	case e.Kind != File:
		r.err = fmt.Errorf("%s: not a regular file", p)
	case e.Size > MaxReadSize:
		r.err = fmt.Errorf("%s: larger than %d bytes", p, MaxReadSize)
	case c.read == nil:
		r.err = fmt.Errorf("%s: no file reader", p)
	default:
		r.data, r.err = c.read(filepath.Join(c.Dir, filepath.FromSlash(p)))
	}
	c.files.Store(p, r)
	return r.data, r.err
}
