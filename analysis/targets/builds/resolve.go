// Package builds reads the builds of a Compose or Bake file (Parse) and
// resolves them: the build context and the Dockerfile each uses (Resolver),
// read and parsed (Dockerfile). Bake targets take what they lack from the
// other Bake files of their folder and from the targets they inherit.
package builds

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
)

// Resolver reads the files a build refers to through Files, the open
// documents' texts over the disk's, so unsaved edits count. The zero value
// reads the disk, confined to the folder of the Compose or Bake file being
// resolved.
type Resolver struct {
	// Files reads the Dockerfiles and the sibling Bake files. Its roots are
	// the workspace folders: a file read from disk must lie inside one of
	// them, so that `context: ../../etc` cannot read /etc/passwd. Without
	// roots, the folder of the Compose or Bake file is the only one.
	Files *wsfile.Source
	// Context bounds the reads (the request's, in the server); nil means
	// context.Background() with wsfile's own deadline.
	Context context.Context

	parsed map[string]*Dockerfile
}

// read returns the text of p; home is the folder of the Compose or Bake file
// that names it, the root when the Resolver has none.
func (r *Resolver) read(p, home string) (string, error) {
	ctx := context.Background()
	var files *wsfile.Source
	if r != nil {
		files = r.Files
		if r.Context != nil {
			ctx = r.Context
		}
	}
	text, _, err := files.Within(home).WithMaxSize(targets.MaxDockerfileSize).Read(ctx, p)
	return text, err
}

// list names the entries of dir and the open documents in it, which may
// not be saved yet, in order.
func (r *Resolver) list(dir string) []string {
	var names []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if r != nil && r.Files != nil {
		for p := range r.Files.Open {
			if filepath.Dir(p) == dir && !slices.Contains(names, filepath.Base(p)) {
				names = append(names, filepath.Base(p))
			}
		}
	}
	slices.Sort(names)
	return names
}

// Resolve sets ContextDir and DockerfilePath of every build of d: the context
// is relative to the file's folder (Compose; Bake run from the folder of its
// file), the Dockerfile relative to the context, `Dockerfile` by default. A
// Bake target also takes what it lacks from the same target in the other Bake
// files of its folder (docker-bake.override.hcl and the like) and from the
// targets it inherits.
func (r *Resolver) Resolve(d *targets.Doc) {
	dir := filepath.Dir(d.Path)
	var set bakeSet
	if d.Kind == targets.Bake {
		set = r.bakeSet(d)
	}
	for _, b := range d.Builds {
		ctx, df, inline := b.Context, b.Dockerfile, b.Inline
		if d.Kind == targets.Bake {
			ctx = set.attr(b, func(b *targets.Build) targets.Value { return b.Context }, 0)
			df = set.attr(b, func(b *targets.Build) targets.Value { return b.Dockerfile }, 0)
			inline = set.attr(b, func(b *targets.Build) targets.Value { return b.Inline }, 0)
		}
		resolveBuild(b, dir, ctx, df, inline)
	}
}

func resolveBuild(b *targets.Build, dir string, ctx, df, inline targets.Value) {
	b.ContextDir, b.DockerfilePath, b.Remote, b.InlineText, b.Home = "", "", false, "", dir
	text := ctx.Text
	if ctx.Set && !ctx.Literal {
		return
	}
	if text == "" {
		text = "."
	}
	if targets.IsRemote(text) {
		b.Remote = true
		return
	}
	b.ContextDir = targets.JoinPath(dir, strings.TrimPrefix(text, "cwd://"))
	if inline.Set && inline.Text != "" {
		b.InlineText = inline.Text
		return
	}
	if df.Set && !df.Literal {
		return
	}
	name := df.Text
	if name == "" {
		name = "Dockerfile"
	}
	b.DockerfilePath = targets.JoinPath(b.ContextDir, name)
}

// bakeSet is every target of the Bake files of one folder, by name; the
// document's own definition comes first.
type bakeSet map[string][]*targets.Build

func (r *Resolver) bakeSet(d *targets.Doc) bakeSet {
	set := bakeSet{}
	for _, b := range d.Builds {
		set[b.Name] = append(set[b.Name], b)
	}
	dir := filepath.Dir(d.Path)
	for _, name := range r.list(dir) {
		p := filepath.Join(dir, name)
		if p == d.Path || targets.KindOf(p) != targets.Bake {
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
func (set bakeSet) attr(b *targets.Build, get func(*targets.Build) targets.Value, depth int) targets.Value {
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
		return targets.Value{}
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
	return targets.Value{}
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
func (r *Resolver) Dockerfile(b *targets.Build) (*Dockerfile, error) {
	if b.InlineText != "" {
		f := syntax.Parse(b.InlineText)
		return &Dockerfile{Inline: true, File: f, Model: model.Build(f)}, nil
	}
	if b.DockerfilePath == "" {
		return nil, ErrUnresolved
	}
	return r.load(b.DockerfilePath, b.Home)
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

// IsNotExist reports whether a Dockerfile error means the file is missing.
func IsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
