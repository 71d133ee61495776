package facts

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
)

// Linkage is how the program a build step writes uses the C library of
// the image it was built in.
type Linkage struct {
	// Known: the facts can tell (the build's settings are not left to the
	// build, the stage's image is one the table knows).
	Known bool
	// Dynamic: the program loads the C library (Libc) where it runs.
	Dynamic bool
	// Libc is the C library of the stage's image (images.Libc).
	Libc string
	// Why says what makes it dynamic, for messages: "cgo is on
	// (CGO_ENABLED=1)", "Rust's gnu targets link the C library
	// dynamically".
	Why string
	// CgoDefault: a Go build with cgo on only because CGO_ENABLED is not
	// set where a C compiler is; CGO_ENABLED=0 turns it off.
	CgoDefault bool
}

// Needs reports whether the program needs the stage's C library where it
// runs, as far as the facts can tell.
func (l Linkage) Needs() bool { return l.Known && l.Dynamic && l.Libc != "" }

// Linkage reads how the program of build b of stage s links the C
// library. Go: cgo is on with CGO_ENABLED=1, or when it is not set and a C
// compiler is there (the golang Debian images ship gcc, or the stage
// installed one; Go turns cgo off by itself only when it finds no
// compiler), and a cgo program loads the C library once it uses C code, as
// any program importing net or os/user does; -extldflags -static or the
// netgo tag keep it static. Rust: the gnu targets (the default on Debian
// images) always load the C library; a musl target (the default on
// Alpine) or crt-static links it in. Other builds: unknown.
func (s *Stage) Linkage(b *Build) Linkage {
	root := s.Chain()[0]
	l := Linkage{Libc: images.Libc(root.Base.Value)}
	switch b.Ecosystem {
	case Go:
		v, set := b.Command.Var("CGO_ENABLED")
		// A build argument left to the build, or a target set with GOOS
		// or GOARCH (Go turns cgo off by itself when cross-compiling, and
		// the build machine is not known), leaves the facts in doubt.
		cross := b.Command.Declared("GOOS") || b.Command.Declared("GOARCH")
		l.Known = l.Libc != "" && !strings.Contains(v, "$") && (set || !b.Command.Declared("CGO_ENABLED") && !cross)
		on := v == "1" || !set && s.hasCompiler(root, b)
		l.Dynamic = on && !b.Command.hasArg("-static", "netgo")
		l.CgoDefault = on && !set
		l.Why = "cgo is on (CGO_ENABLED=1)"
		if !set {
			l.Why = "cgo is on (CGO_ENABLED is not set and stage " + s.Model.Label() + " has a C compiler)"
		}
	case Rust:
		target, _ := b.Command.Option("--target")
		if target == "" {
			target, _ = b.Command.Var("CARGO_BUILD_TARGET")
		}
		flags, _ := b.Command.Var("RUSTFLAGS")
		l.Known = l.Libc != "" && b.Tool == "cargo" && !strings.Contains(target+flags, "$")
		musl := strings.Contains(target, "musl") || target == "" && l.Libc == images.LibcMusl
		l.Dynamic = !musl && !strings.Contains(flags, "crt-static")
		if musl {
			l.Libc = images.LibcMusl
		}
		l.Why = "Rust's gnu targets link the C library dynamically"
	}
	return l
}

// hasCompiler reports whether a C compiler is there when build b runs: the
// toolchain images on Debian ship gcc, Alpine and slim images none unless a
// step before installed one.
func (s *Stage) hasCompiler(root *Stage, b *Build) bool {
	if images.Libc(root.Base.Value) == images.LibcGlibc && root.Base.Image.Class == images.ClassToolchain {
		return true
	}
	for _, st := range s.Chain() {
		for _, pc := range st.Packages {
			if pc.Op != OpInstall || st == s && pc.Node.Offset >= b.Node.Offset {
				continue
			}
			for _, name := range pc.PackageNames() {
				if BuildPackageKind(name) == CompilerPackage {
					return true
				}
			}
		}
	}
	return false
}

// hasArg reports whether an argument of the command contains one of subs.
func (c Command) hasArg(subs ...string) bool {
	for _, w := range c.Args() {
		for _, sub := range subs {
			if strings.Contains(w.Value, sub) {
				return true
			}
		}
	}
	return false
}
