package server

import "runtime/debug"

// The Go runtime's soft memory limit keeps the resident size of a server
// with hundreds of small files open near 40 MB (the collector runs before
// the heap doubles). A fixed limit is wrong for a large file, though: its
// text, syntax and model alone can exceed it, and the collector then runs
// without pause (a completion took 70 ms instead of 3 with a 2 MB file
// being edited). So the limit grows with the large documents open: each
// byte past largeDocument in a document adds bytesPerLargeByte of room.
const (
	largeDocument     = 64 << 10
	bytesPerLargeByte = 32
)

// memory tracks the weight of the open documents; only the read goroutine
// changes it.
type memory struct {
	large int64 // bytes past largeDocument, summed over the open documents
	limit int64 // the limit last set, 0 for none
}

// memoryLimit is the soft limit for base bytes plus large bytes of large
// documents, rounded up to a MiB so small edits leave it alone.
func memoryLimit(base, large int64) int64 {
	const mib = 1 << 20
	return (base + bytesPerLargeByte*large + mib - 1) / mib * mib
}

// resized records that an open document went from before to after bytes
// (0 for not open) and updates the limit when the server manages it.
func (s *Server) resized(before, after int) {
	s.mem.large += int64(max(0, after-largeDocument) - max(0, before-largeDocument))
	if s.opts.MemoryLimit <= 0 {
		return
	}
	if limit := memoryLimit(s.opts.MemoryLimit, s.mem.large); limit != s.mem.limit {
		s.mem.limit = limit
		debug.SetMemoryLimit(limit)
	}
}
