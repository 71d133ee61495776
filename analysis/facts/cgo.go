package facts

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
)

// Cgo is whether a Go build links C code, and against which C library.
type Cgo struct {
	// Known: the facts can tell (CGO_ENABLED is not left to the build,
	// the build does not name a target platform, the stage's image is one
	// the table knows).
	Known bool
	// On: cgo is on, CGO_ENABLED=1, or not set where a C compiler is (the
	// golang Debian images ship gcc, or the stage installed one; Go turns
	// cgo off by itself only when it finds no compiler). Set says
	// CGO_ENABLED was given.
	On, Set bool
	// Static: the link is static (-extldflags -static, or the netgo tag
	// that keeps net from needing the C resolver): the program needs no C
	// library where it runs.
	Static bool
	// Libc is the C library of the stage's image (images.Libc): what a
	// program linked with cgo needs where it runs.
	Libc string
}

// Links reports whether the program needs the stage's C library where it
// runs, as far as the facts can tell.
func (c Cgo) Links() bool { return c.Known && c.On && !c.Static && c.Libc != "" }

// GoCgo reads the cgo setting of Go build b of stage s.
func (s *Stage) GoCgo(b *Build) Cgo {
	if b.Ecosystem != Go {
		return Cgo{}
	}
	root := s.Chain()[0]
	c := Cgo{Libc: images.Libc(root.Base.Value)}
	v, set := b.Command.Var("CGO_ENABLED")
	c.Set = set
	// A build argument left to the build, or a target set with GOOS or
	// GOARCH (Go turns cgo off by itself when cross-compiling, and the
	// build machine is not known), leaves the facts in doubt.
	cross := b.Command.Declared("GOOS") || b.Command.Declared("GOARCH")
	c.Known = c.Libc != "" && !strings.Contains(v, "$") && (set || !b.Command.Declared("CGO_ENABLED") && !cross)
	// The toolchain images on Debian ship gcc; Alpine and slim images none.
	compiler := c.Libc == images.LibcGlibc && root.Base.Image.Class == images.ClassToolchain
	for _, st := range s.Chain() {
		for _, pc := range st.Packages {
			if pc.Op != OpInstall || pc.Node.Offset >= b.Node.Offset && st == s {
				continue
			}
			for _, name := range pc.PackageNames() {
				if BuildPackageKind(name) == CompilerPackage {
					compiler = true
				}
			}
		}
	}
	c.On = v == "1" || !set && compiler
	for _, w := range b.Command.Args() {
		if strings.Contains(w.Value, "-static") || strings.Contains(w.Value, "netgo") {
			c.Static = true
		}
	}
	return c
}
