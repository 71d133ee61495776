package targets

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
)

// Resolver reads the files a build refers to: the editor's text of open
// documents (Overlay), so unsaved edits count, else the disk's through
// wsfile.Read. The zero value reads the disk, confined to the folder of the
// Compose or Bake file being resolved.
type Resolver struct {
	// Overlay maps clean absolute paths to the text the editor has.
	Overlay map[string]string
	// ListDir names the entries of a folder; nil reads the disk.
	ListDir func(dir string) ([]string, error)
	// Roots are the workspace folders: a Dockerfile or Bake file read from
	// the disk must lie inside one of them, so that `context: ../../etc`
	// cannot read /etc/passwd. Without roots, the folder of the Compose or
	// Bake file is the only one.
	Roots []string
	// Context bounds the reads (the request's, in the server); nil means
	// context.Background() with wsfile's own deadline.
	Context context.Context

	parsed map[string]*Dockerfile
}

// MaxDockerfileSize bounds what is read as a Dockerfile.
const MaxDockerfileSize = 4 << 20

// read returns the text of p; home is the folder of the Compose or Bake file
// that names it, the root when the Resolver has none.
func (r *Resolver) read(p, home string) (string, error) {
	ctx, opts := context.Background(), wsfile.Options{Roots: []string{home}, MaxSize: MaxDockerfileSize}
	if r != nil {
		if text, ok := r.Overlay[p]; ok {
			return text, nil
		}
		if r.Context != nil {
			ctx = r.Context
		}
		if len(r.Roots) > 0 {
			opts.Roots = r.Roots
		}
	}
	data, err := wsfile.Read(ctx, p, opts)
	return string(data), err
}

func (r *Resolver) list(dir string) []string {
	if r != nil && r.ListDir != nil {
		names, _ := r.ListDir(dir)
		return names
	}
	entries, _ := os.ReadDir(dir)
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// Resolve sets ContextDir and DockerfilePath of every build of d: the context
// is relative to the file's folder (Compose; Bake run from the folder of its
// file), the Dockerfile relative to the context, `Dockerfile` by default. A
// Bake target also takes what it lacks from the same target in the other Bake
// files of its folder (docker-bake.override.hcl and the like) and from the
// targets it inherits.
func (r *Resolver) Resolve(d *Doc) {
	dir := filepath.Dir(d.Path)
	var set bakeSet
	if d.Kind == Bake {
		set = r.bakeSet(d)
	}
	for _, b := range d.Builds {
		ctx, df, inline := b.Context, b.Dockerfile, b.Inline
		if d.Kind == Bake {
			ctx = set.attr(b, func(b *Build) Value { return b.Context }, 0)
			df = set.attr(b, func(b *Build) Value { return b.Dockerfile }, 0)
			inline = set.attr(b, func(b *Build) Value { return b.Inline }, 0)
		}
		resolveBuild(b, dir, ctx, df, inline)
	}
}

func resolveBuild(b *Build, dir string, ctx, df, inline Value) {
	b.ContextDir, b.DockerfilePath, b.Remote, b.inline, b.home = "", "", false, "", dir
	text := ctx.Text
	if ctx.Set && !ctx.Literal {
		return
	}
	if text == "" {
		text = "."
	}
	if isRemote(text) {
		b.Remote = true
		return
	}
	b.ContextDir = join(dir, strings.TrimPrefix(text, "cwd://"))
	if inline.Set && inline.Text != "" {
		b.inline = inline.Text
		return
	}
	if df.Set && !df.Literal {
		return
	}
	name := df.Text
	if name == "" {
		name = "Dockerfile"
	}
	b.DockerfilePath = join(b.ContextDir, name)
}

// join resolves p against dir unless it is absolute; ~ is not expanded.
func join(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, filepath.FromSlash(p))
}

// bakeSet is every target of the Bake files of one folder, by name; the
// document's own definition comes first.
type bakeSet map[string][]*Build

func (r *Resolver) bakeSet(d *Doc) bakeSet {
	set := bakeSet{}
	for _, b := range d.Builds {
		set[b.Name] = append(set[b.Name], b)
	}
	dir := filepath.Dir(d.Path)
	for _, name := range r.list(dir) {
		p := filepath.Join(dir, name)
		if p == d.Path || KindOf(p) != Bake {
			continue
		}
		text, err := r.read(p, dir)
		if err != nil {
			continue
		}
		for _, b := range Parse(p, text).Builds {
			set[b.Name] = append(set[b.Name], b)
		}
	}
	return set
}

// attr finds a value of b: its own, else the same target's in a sibling
// file, else what it inherits (the last parent that has it wins, as in Bake).
func (set bakeSet) attr(b *Build, get func(*Build) Value, depth int) Value {
	if v := get(b); v.Set {
		return v
	}
	defs := set[b.Name]
	for _, o := range defs {
		if o != b {
			if v := get(o); v.Set {
				return v
			}
		}
	}
	if depth > 8 {
		return Value{}
	}
	inherits := b.Inherits
	for _, o := range defs {
		if len(inherits) == 0 {
			inherits = o.Inherits
		}
	}
	for i := len(inherits) - 1; i >= 0; i-- {
		if inherits[i] == b.Name {
			continue
		}
		for _, parent := range set[inherits[i]] {
			if v := set.attr(parent, get, depth+1); v.Set {
				return v
			}
		}
	}
	return Value{}
}

// Dockerfile is the parsed Dockerfile a build uses.
type Dockerfile struct {
	Path   string // absolute; empty for an inline Dockerfile
	Inline bool
	File   *syntax.File
	Model  *model.Model
}

// ErrUnresolved means the build's Dockerfile cannot be known without running
// it: a remote context or a value with variables.
var ErrUnresolved = errors.New("the Dockerfile depends on variables or a remote context")

// Dockerfile reads and parses the Dockerfile of b (Resolve must have run).
// The error says why there is none: the file is missing (fs.ErrNotExist),
// unreadable, or ErrUnresolved.
func (r *Resolver) Dockerfile(b *Build) (*Dockerfile, error) {
	if b.inline != "" {
		f := syntax.Parse(b.inline)
		return &Dockerfile{Inline: true, File: f, Model: model.Build(f)}, nil
	}
	if b.DockerfilePath == "" {
		return nil, ErrUnresolved
	}
	return r.load(b.DockerfilePath, b.home)
}

func (r *Resolver) load(p, home string) (*Dockerfile, error) {
	if df, ok := r.parsed[p]; ok {
		return df, nil
	}
	text, err := r.read(p, home)
	if err != nil {
		return nil, err
	}
	f := syntax.Parse(text)
	df := &Dockerfile{Path: p, File: f, Model: model.Build(f)}
	if r.parsed == nil {
		r.parsed = map[string]*Dockerfile{}
	}
	r.parsed[p] = df
	return df, nil
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
