// Package buildcontext knows what the build context of a Dockerfile holds:
// the files and folders of the context folder that BuildKit sends, once the
// .dockerignore BuildKit would pick has excluded its paths.
//
// The folder is walked once, bounded in entries, depth and time; a walk that
// hit a bound says so (Context.Complete, Context.Bound), and a rule that
// claims a path is absent must not fire on an incomplete walk. The walk never
// follows a symbolic link (BuildKit sends links as links), skips FIFOs,
// sockets and devices, and reads no file contents: the only file read is the
// .dockerignore, through the reader the caller injects (the project's one
// safe workspace reader). Project files that rules consult (a package.json)
// are read later, on demand, through the same reader (Context.ReadFile).
//
// Exclusion is decided by BuildKit's own matcher, github.com/moby/patternmatcher,
// with the patterns parsed by its ignorefile package, exactly as the Docker
// client and BuildKit's file sender do ("!" exceptions and "**" included).
package buildcontext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// ReadFunc reads a whole file; an absent file is reported with an error
// that errors.Is(err, fs.ErrNotExist) recognises.
type ReadFunc func(path string) ([]byte, error)

// Limits bound a walk. Zero fields take DefaultLimits' values.
type Limits struct {
	MaxEntries int           // files, folders and links recorded
	MaxDepth   int           // folder levels below the context root
	MaxTime    time.Duration // wall time of the walk
}

// DefaultLimits suit an editor: a 50,000-file context is walked completely
// (see the benchmark), a home folder opened by mistake is not.
var DefaultLimits = Limits{MaxEntries: 200_000, MaxDepth: 64, MaxTime: 3 * time.Second}

func (l Limits) orDefaults() Limits {
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultLimits.MaxEntries
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	if l.MaxTime <= 0 {
		l.MaxTime = DefaultLimits.MaxTime
	}
	return l
}

// Bound says why a walk stopped short.
type Bound uint8

const (
	NoBound    Bound = iota // the walk is complete
	EntryBound              // Limits.MaxEntries was reached
	DepthBound              // a folder deeper than Limits.MaxDepth was not listed
	TimeBound               // Limits.MaxTime ran out, or the caller's context ended
	Unreadable              // a folder could not be listed, or .dockerignore could not be read or parsed
)

var boundNames = [...]string{"none", "entry count", "depth", "time", "unreadable"}

func (b Bound) String() string {
	if int(b) < len(boundNames) {
		return boundNames[b]
	}
	return "unknown"
}

// Kind is what a context path is.
type Kind uint8

const (
	File Kind = iota + 1
	Dir
	Symlink // sent as a link; never followed by the walk
)

// Entry is one path of the context folder.
type Entry struct {
	Path     string // slash-separated, relative to the context root
	Kind     Kind
	Size     int64 // bytes of a regular file; 0 otherwise
	Excluded bool  // a .dockerignore pattern excludes it (and no later "!" re-includes it)
	// Sent reports whether BuildKit receives the path: it is not excluded,
	// or it is a folder holding something that is not.
	Sent bool
	// Pruned marks an excluded folder that was not listed because no "!"
	// pattern can re-include anything inside it: nothing below it is sent.
	Pruned bool
	parent int32 // index of the parent folder; -1 for top-level paths
}

// Name is the last element of the path.
func (e Entry) Name() string { return e.Path[lastSlash(e.Path)+1:] }

// IgnoreFile is the .dockerignore that applies to a Dockerfile.
type IgnoreFile struct {
	Path     string   // the file BuildKit reads; the one it would read when none exists
	Exists   bool     // Path was found and read
	Text     string   // its content, for edits that append to it
	Patterns []string // as ignorefile.ReadAll returns them
	Err      error    // reading or parsing failed: exclusions are unknown
}

// Context is one walk of a build context. It is immutable and safe for
// concurrent use.
type Context struct {
	Dir    string // absolute context folder
	Ignore IgnoreFile
	// Complete reports whether every path of the context is recorded: no
	// bound was hit and the .dockerignore was read. Only then may a rule
	// claim that a path is absent.
	Complete bool
	Bound    Bound         // why the walk is incomplete; NoBound when Complete
	Elapsed  time.Duration // the walk's wall time

	entries  []Entry
	byPath   map[string]int32
	children map[int32][]int32 // folder index (-1: the root) → children, by name

	matchMu sync.Mutex                     // the matcher compiles patterns lazily
	matcher *patternmatcher.PatternMatcher // nil when nothing is excluded

	neverOnce sync.Once
	never     []Found // NeverShipped of the root, computed on first use

	read  ReadFunc
	files sync.Map // context path → readResult, for ReadFile
}

// Options select a context and its .dockerignore.
type Options struct {
	Dir        string // the context folder
	Dockerfile string // the Dockerfile's path; selects <name>.dockerignore beside it
	Read       ReadFunc
	Limits     Limits
}

// Load walks a context folder. It fails only when the folder cannot be used
// at all; a partial walk is returned with Complete false.
func Load(ctx context.Context, opt Options) (*Context, error) {
	dir, err := filepath.Abs(opt.Dir)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("build context %s is not a folder", dir)
	}
	if opt.Read == nil {
		return nil, errors.New("buildcontext: no file reader")
	}
	c := &Context{Dir: dir, Ignore: readIgnoreFile(dir, opt.Dockerfile, opt.Read), read: opt.Read}
	var pm *patternmatcher.PatternMatcher
	if c.Ignore.Err == nil && len(c.Ignore.Patterns) > 0 {
		pm, c.Ignore.Err = patternmatcher.New(c.Ignore.Patterns)
	}
	start := time.Now()
	w := walker{c: c, pm: pm, limits: opt.Limits.orDefaults(), ctx: ctx, start: start}
	w.walk()
	if c.Ignore.Err != nil && w.bound == NoBound {
		w.bound = Unreadable
	}
	c.Bound, c.Complete, c.Elapsed = w.bound, w.bound == NoBound, time.Since(start)
	c.matcher = pm
	return c, nil
}

// readIgnoreFile reads the .dockerignore BuildKit reads for a Dockerfile and
// a context: `<Dockerfile name>.dockerignore` beside the Dockerfile when that
// file exists, else `<context>/.dockerignore`.
func readIgnoreFile(contextDir, dockerfile string, read ReadFunc) IgnoreFile {
	var candidates []string
	if dockerfile != "" {
		candidates = append(candidates, dockerfile+".dockerignore")
	}
	candidates = append(candidates, filepath.Join(contextDir, ".dockerignore"))
	for _, p := range candidates {
		data, err := read(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		f := IgnoreFile{Path: p, Exists: err == nil, Err: err}
		if err == nil {
			f.Text = string(data)
			f.Patterns, f.Err = ignorefile.ReadAll(bytes.NewReader(data))
		}
		return f
	}
	return IgnoreFile{Path: candidates[len(candidates)-1]}
}

func lastSlash(p string) int {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			return i
		}
	}
	return -1
}
