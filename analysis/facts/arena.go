package facts

import (
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/imageref"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// arena hands out the values of one model's facts from shared blocks. The
// facts of a model are built together and dropped together, and a large
// file has thousands of small ones (a File per path, a Build per step, a
// Command per simple command): one allocation per block instead of one per
// value is most of what computing them costs.
type arena struct {
	runs      block[Run]
	builds    block[Build]
	packages  block[Package]
	copies    block[Copy]
	files     block[File]
	commands  block[Command]
	unwrapped block[shell.Command] // commands run through sudo, env...
	vars      block[envVar]
	strings   block[string]

	// The lists of the facts, kept at their exact length. A stage's lists
	// are gathered in the work lists below, whose arrays are reused from
	// one stage to the next, then copied here; a RUN's Creates, Builds and
	// Packages are then cut from its stage's (spans).
	filePtrs    block[*File]
	buildPtrs   block[*Build]
	packagePtrs block[*Package]
	copyPtrs    block[*Copy]
	stage       lists
	spans       []runSpan
	unknown     []Command     // a RUN's Unknown
	args        []syntax.Word // an instruction's arguments (reader.args)

	images map[string]*imageReading // by FROM value: stages often share a base
}

// imageReading is a base image's reference, parsed, and its class.
type imageReading struct {
	ref   imageref.Ref
	ok    bool
	image images.Base
}

// image reads a FROM value once per model.
func (a *arena) image(value string) *imageReading {
	if r, ok := a.images[value]; ok {
		return r
	}
	r := &imageReading{}
	if r.ref, r.ok = imageref.Parse(value); r.ok {
		r.image = images.Classify(value)
	}
	if a.images == nil {
		a.images = map[string]*imageReading{}
	}
	a.images[value] = r
	return r
}

// lists are the work lists of a stage.
type lists struct {
	files    []*File
	builds   []*Build
	packages []*Package
	copies   []*Copy
}

// runSpan is where a RUN's lists start in its stage's.
type runSpan struct {
	run                     *Run
	files, builds, packages int
}

// cut is the n values of list from i on, nil when n is 0 (as a list never
// appended to); appending to it cannot overwrite the values after it.
func cut[T any](list []T, i, n int) []T {
	if n == 0 {
		return nil
	}
	return list[i : i+n : i+n]
}

// block is a free list of T, refilled with a larger array each time it runs
// out, so small files allocate little and large ones few times.
type block[T any] struct {
	free []T
	size int // of the last array
}

// new returns a zero T (or the one next returned, as its caller filled it).
func (b *block[T]) new() *T { return &b.take(1)[0] }

// next returns the T that new would return, without handing it out: a
// reader fills it and keeps it with new, or leaves it to the next caller,
// who overwrites it. Nothing is zeroed or copied for the commands that turn
// out not to be builds.
func (b *block[T]) next() *T {
	if len(b.free) == 0 {
		b.refill(1)
	}
	return &b.free[0]
}

// take returns n zero Ts. The slice's capacity is n: appending to it
// allocates instead of overwriting the next values handed out.
func (b *block[T]) take(n int) []T {
	if n > len(b.free) {
		b.refill(n)
	}
	out := b.free[:n:n]
	b.free = b.free[n:]
	return out
}

// refill replaces the free list with a new array of at least n.
func (b *block[T]) refill(n int) {
	b.size = max(min(2*b.size, 64), 8, n)
	b.free = make([]T, b.size)
}

// keep copies the work list s into b and returns the copy; nil when s is
// empty, as a list that was never appended to.
func keep[T any](b *block[T], s []T) []T {
	if len(s) == 0 {
		return nil
	}
	out := b.take(len(s))
	copy(out, s)
	return out
}
