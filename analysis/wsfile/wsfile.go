// Package wsfile is the one way the engine, the server and the command line
// read a file of the user's workspace. A workspace is untrusted input: a
// cloned repository may hold a symlink to /dev/zero, a FIFO named .gitignore
// or a Compose file whose build context climbs to /etc. Read resolves
// symlinks, keeps to the workspace roots unless the user named the file,
// opens only regular files, reads no more than a cap and gives up at a
// deadline, so none of those can exhaust memory, hang a goroutine for ever
// or leak a file from outside the workspace.
package wsfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Options say where a file may be and how much of it is read.
type Options struct {
	// Roots are the workspace folders: the file, once its symlinks are
	// resolved, must lie in one of them. No roots means no file qualifies
	// unless UserOpened is set.
	Roots []string
	// UserOpened marks a file the user named (a command-line argument, a
	// document the editor opened): it may lie anywhere, but it is still read
	// only when it is a regular file under the size cap.
	UserOpened bool
	// MaxSize is the most bytes read; a longer file is an error. Zero means
	// DefaultMaxSize.
	MaxSize int64
}

// DefaultMaxSize is the cap when Options.MaxSize is zero.
const DefaultMaxSize = 4 << 20

// Timeout bounds every read even when the caller's context has no
// deadline: a file on a stuck network mount must not hold a goroutine for
// ever.
const Timeout = 10 * time.Second

// The reasons Read refuses a file, under *Error; match them with errors.Is.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("too large")
	ErrOutside    = errors.New("outside the workspace")
	ErrDeadline   = errors.New("reading took too long or was cancelled")
)

// Error is a file that Read refused.
type Error struct {
	Path  string // as the caller gave it
	Err   error  // ErrNotRegular, ErrTooLarge, ErrOutside or ErrDeadline
	Limit int64  // the cap, for ErrTooLarge
	cause error  // the context's error, for ErrDeadline
}

func (e *Error) Error() string { return e.Path + ": " + e.Reason() }

// Reason is the message without the path, for callers that print the path
// themselves.
func (e *Error) Reason() string {
	if e.Err == ErrTooLarge {
		return "larger than the limit of " + size(e.Limit)
	}
	return e.Err.Error()
}

// Unwrap gives the reason and, for ErrDeadline, the context's error.
func (e *Error) Unwrap() []error {
	if e.cause != nil {
		return []error{e.Err, e.cause}
	}
	return []error{e.Err}
}

func size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Read returns the content of the file at path: after resolving symlinks it
// must be inside one of opts.Roots (unless opts.UserOpened), a regular file,
// and at most opts.MaxSize bytes long. It returns when ctx is done or after
// Timeout at the latest. A missing file gives an error that matches
// fs.ErrNotExist; a refused one an *Error.
func Read(ctx context.Context, path string, opts Options) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	if err := ctx.Err(); err != nil {
		return nil, &Error{Path: path, Err: ErrDeadline, cause: err}
	}
	type result struct {
		data []byte
		err  error
	}
	// The read runs on its own goroutine so that a system call that never
	// returns (a hung mount) cannot keep the caller past the deadline; the
	// goroutine ends with the call, holding at most the cap.
	done := make(chan result, 1)
	go func() {
		data, err := read(ctx, path, opts)
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-ctx.Done():
		return nil, &Error{Path: path, Err: ErrDeadline, cause: ctx.Err()}
	}
}

// chunk is how much is read between two looks at the deadline.
const chunk = 64 << 10

func read(ctx context.Context, path string, opts Options) ([]byte, error) {
	limit := opts.MaxSize
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	// EvalSymlinks only looks at links (lstat, readlink): it opens nothing,
	// so a FIFO on the way cannot block it.
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	if !opts.UserOpened && !inside(real, opts.Roots) {
		return nil, &Error{Path: path, Err: ErrOutside}
	}
	// Opening a FIFO blocks until a writer comes and a device may never
	// end: look at the mode before opening.
	st, err := os.Stat(real)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &Error{Path: path, Err: ErrNotRegular}
	}
	if st.Size() > limit {
		return nil, &Error{Path: path, Err: ErrTooLarge, Limit: limit}
	}
	f, err := open(real)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file may have been swapped since the Stat.
	if fst, err := f.Stat(); err != nil || !fst.Mode().IsRegular() || !os.SameFile(st, fst) {
		return nil, &Error{Path: path, Err: ErrNotRegular}
	}
	// The size Stat gives is a hint: a file may grow, and some (in /proc)
	// say 0. Read at most one byte past the cap to know it was exceeded.
	r := io.LimitReader(f, limit+1)
	data := make([]byte, 0, min(st.Size(), limit)+1)
	for {
		if err := ctx.Err(); err != nil {
			return nil, &Error{Path: path, Err: ErrDeadline, cause: err}
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):min(cap(data), len(data)+chunk)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(data)) > limit {
		return nil, &Error{Path: path, Err: ErrTooLarge, Limit: limit}
	}
	return data, nil
}

// inside reports whether the resolved path p is one of roots or under one.
// A root reached through a symlink is resolved too, so it still holds its
// own files; a root that p starts with needs no resolving, since every
// folder on a resolved path is a real one.
func inside(p string, roots []string) bool {
	for _, root := range roots {
		abs, err := filepath.Abs(root)
		if err != nil {
			continue
		}
		if within(p, abs) {
			return true
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil && within(p, real) {
			return true
		}
	}
	return false
}

func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}
