package facts

import (
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// SourceKind says where a COPY or ADD takes its files from.
type SourceKind int

const (
	FromContext SourceKind = iota + 1 // the build context (or a named context)
	FromStage                         // --from=<stage>
	FromImage                         // --from=<image>
	FromURL                           // ADD https://... or a Git URL
	FromHeredoc                       // COPY <<EOF
)

// Copy is one COPY or ADD.
type Copy struct {
	Node   syntax.Node
	Source SourceKind
	Stage  *Stage // for FromStage
	Image  string // for FromImage: the --from value
	// Sources are the source operands with variables resolved; for
	// FromStage they are absolute paths in that stage (COPY --from reads
	// from the stage's root, not its WORKDIR).
	Sources []string
	// Dest is the destination, absolute (resolved against WORKDIR).
	Dest string
	// IntoDir: the destination is a directory that receives the sources
	// (it ends in "/", or there are several sources or a wildcard); else
	// the single source becomes Dest.
	IntoDir bool
	Parents bool // --parents: sources keep their relative path under Dest
}

// Targets is where each source lands in the stage.
func (c *Copy) Targets() []string {
	out := make([]string, 0, len(c.Sources))
	for _, s := range c.Sources {
		out = append(out, c.Target(s))
	}
	return out
}

// Target is where source s of the copy lands. A source ending in "/" (a
// directory whose content is copied) lands at Dest itself.
func (c *Copy) Target(s string) string {
	switch {
	case !c.IntoDir:
		return c.Dest
	case c.Parents:
		return path.Join(c.Dest, strings.TrimPrefix(path.Clean(s), "/"))
	case strings.HasSuffix(s, "/") || s == "." || strings.HasSuffix(s, "/."):
		return c.Dest
	}
	return join(c.Dest, path.Base(s))
}

// Origin says how a file came to be.
type Origin int

const (
	Copied     Origin = iota + 1 // COPY or ADD
	Built                        // a build step's output
	Made                         // mkdir, touch
	Downloaded                   // curl -o, wget -O
	Cloned                       // git clone
	Extracted                    // tar -x, unzip: the directory receives unknown content
	Moved                        // cp, mv, ln, install
)

// File is a path a stage puts into its filesystem.
type File struct {
	Path string // absolute; may hold a glob or an unresolved $VAR
	// Dir: a directory whose content the instruction decides (a copied
	// directory, a build's output directory, an extraction target).
	Dir bool
	// Maybe: one of several paths the step may write.
	Maybe  bool
	Origin Origin
	Node   syntax.Node
	Copy   *Copy  // for Copied
	Build  *Build // for Built
	// Source is the source operand the file comes from: as written for
	// Copied, absolute for Moved (cp, mv, ln, install).
	Source string
}

// Covers reports whether p is the file or lies inside it (for Dir files and
// globs).
func (f *File) Covers(p string) bool {
	p = path.Clean(p)
	if f.Path == p {
		return true
	}
	if strings.ContainsAny(f.Path, "*?[") {
		if ok, _ := path.Match(f.Path, p); ok {
			return true
		}
		// A file inside a globbed directory: target/*/app.
		for d := path.Dir(p); d != "/" && d != "."; d = path.Dir(d) {
			if ok, _ := path.Match(f.Path, d); ok {
				return true
			}
		}
		return false
	}
	return (f.Dir || f.Origin == Copied) && strings.HasPrefix(p, strings.TrimSuffix(f.Path, "/")+"/")
}

// readCopy reads a COPY or ADD at step st.
func (r *reader) readCopy(st *Step) *Copy {
	n := st.Node
	c := r.f.mem.copies.new()
	c.Node, c.Source = n, FromContext
	if _, ok := n.Flag("parents"); ok {
		c.Parents = true
	}
	if f, ok := n.Flag("from"); ok {
		if ref := r.refOf(n); ref != nil && ref.Target != nil {
			c.Source, c.Stage = FromStage, r.f.Stages[ref.Target.Index]
		} else {
			c.Source, c.Image = FromImage, f.Value
		}
	}
	args := r.args(n)
	if len(args) == 0 {
		return c
	}
	dest := r.sc.expand(args[len(args)-1].Value)
	srcs := args[:len(args)-1]
	hs := n.Heredocs()
	c.Sources = r.f.mem.strings.take(len(hs) + len(srcs))[:0]
	if len(hs) > 0 {
		c.Source = FromHeredoc
		for _, h := range hs {
			c.Sources = append(c.Sources, h.Name)
		}
	}
	for _, w := range srcs {
		if strings.HasPrefix(w.Value, "<<") {
			continue
		}
		s := r.sc.expand(w.Value)
		if n.Command() == "ADD" && isURL(s) {
			c.Source = FromURL
		}
		if c.Source == FromStage {
			s = Resolve("/", s) + trailingSlash(s)
		}
		c.Sources = append(c.Sources, s)
	}
	if len(c.Sources) == 0 {
		c.Sources = nil
	}
	// The working directory and the root exist, so a copy to them lands
	// inside: COPY app . puts WORKDIR/app.
	c.Dest = Resolve(st.Workdir, dest)
	c.IntoDir = strings.HasSuffix(dest, "/") || len(c.Sources) > 1 || c.Parents ||
		c.Dest == Resolve("/", st.Workdir) || c.Dest == "/"
	for _, s := range c.Sources {
		if strings.ContainsAny(s, "*?[") {
			c.IntoDir = true
		}
	}
	return c
}

func trailingSlash(s string) string {
	if strings.HasSuffix(s, "/") && s != "/" {
		return "/"
	}
	return ""
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || isGit(s)
}

// isGit reports a Git source of ADD (a repository URL, with or without a
// #ref fragment): its checkout lands in the destination itself.
func isGit(s string) bool {
	repo, _, _ := strings.Cut(s, "#")
	return strings.HasPrefix(s, "git@") || strings.HasPrefix(s, "git://") || strings.HasSuffix(repo, ".git")
}

// copyFile is the file source s of a copy puts into the stage.
func copyFile(c *Copy, s string) File {
	f := File{Path: c.Target(s), Origin: Copied, Node: c.Node, Copy: c, Source: s}
	f.Dir = strings.HasSuffix(s, "/") || s == "." || strings.HasSuffix(s, "/.")
	if c.Source == FromURL && isGit(s) {
		f.Path, f.Dir = c.Dest, true
	}
	return f
}
