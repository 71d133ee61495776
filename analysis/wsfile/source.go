package wsfile

import (
	"context"
	"os"
	"path/filepath"
)

// Source is the workspace as the engine reads it: the texts of the documents
// open in the editor over the files on disk. The server fills one per
// request from its open documents, so that an unsaved edit of a Compose or
// Bake file, a Dockerfile or a .dockerignore is what every feature sees; the
// command line uses one without open documents. A Source is not changed once
// it is in use, so it may be shared; a nil *Source reads nothing but the
// disk, and only files a caller confines it to (Within).
type Source struct {
	// Roots are the workspace folders, the bounds of every read from disk.
	Roots []string
	// Open maps clean absolute paths to the editor's text of the document.
	Open map[string]string
	// MaxSize caps what is read from disk; zero means DefaultMaxSize.
	MaxSize int64
}

// Read returns the editor's text of the file at p when it is open, else the
// disk's, read by Read within the roots. open tells which.
func (s *Source) Read(ctx context.Context, p string) (text string, open bool, err error) {
	p = filepath.Clean(p)
	if s == nil {
		return s.disk(ctx, p, Options{})
	}
	if text, ok := s.Open[p]; ok {
		return text, true, nil
	}
	return s.disk(ctx, p, Options{Roots: s.Roots})
}

// ReadNamed is Read for a file the user named (a command's argument): from
// disk it may lie outside the roots, still bounded in kind and size.
func (s *Source) ReadNamed(ctx context.Context, p string) (text string, open bool, err error) {
	p = filepath.Clean(p)
	if text, ok := s.OpenText(p); ok {
		return text, true, nil
	}
	return s.disk(ctx, p, Options{UserOpened: true})
}

// OpenText is the editor's text of the file at p, when it is open.
func (s *Source) OpenText(p string) (string, bool) {
	if s == nil {
		return "", false
	}
	text, ok := s.Open[filepath.Clean(p)]
	return text, ok
}

// IsFile reports whether p is an open document or a regular file on disk:
// a Dockerfile created in the editor and not saved yet exists too. Only
// the file's kind is looked at, nothing is read.
func (s *Source) IsFile(p string) bool {
	if _, open := s.OpenText(p); open {
		return true
	}
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// Within is the same source bounded by dir when it has no roots of its own:
// a Compose file outside any workspace folder may read what lies beside it,
// not /etc.
func (s *Source) Within(dir string) *Source {
	if s != nil && len(s.Roots) > 0 {
		return s
	}
	out := &Source{Roots: []string{dir}}
	if s != nil {
		out.Open, out.MaxSize = s.Open, s.MaxSize
	}
	return out
}

// WithMaxSize is the same source with another cap on disk reads.
func (s *Source) WithMaxSize(n int64) *Source {
	out := &Source{MaxSize: n}
	if s != nil {
		out.Roots, out.Open = s.Roots, s.Open
	}
	return out
}

func (s *Source) disk(ctx context.Context, p string, opts Options) (string, bool, error) {
	if s != nil {
		opts.MaxSize = s.MaxSize
	}
	if ctx == nil {
		ctx = context.Background()
	}
	data, err := Read(ctx, p, opts)
	return string(data), false, err
}
