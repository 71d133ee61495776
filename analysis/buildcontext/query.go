package buildcontext

import (
	"path"
	"strings"
)

// Presence answers whether a COPY source finds something in the context.
type Presence uint8

const (
	Unknown Presence = iota // the walk is incomplete, or a symlink stands in the way
	Present
	Absent // nothing BuildKit receives matches it (excluded paths count as absent)
)

var presenceNames = [...]string{"unknown", "present", "absent"}

func (p Presence) String() string { return presenceNames[p] }

// Clean turns a COPY source or a completion prefix into a context path as
// BuildKit resolves it: relative to the context root, a leading "/" or "./"
// meaning the root, "" for the root itself.
func Clean(p string) string {
	return strings.TrimPrefix(path.Clean("/"+p), "/")
}

// Lookup finds a recorded path (cleaned with Clean).
func (c *Context) Lookup(p string) (Entry, bool) {
	i, ok := c.byPath[Clean(p)]
	if !ok {
		return Entry{}, false
	}
	return c.entries[i], true
}

// Len is the number of recorded paths.
func (c *Context) Len() int { return len(c.entries) }

// Excluded reports whether the .dockerignore excludes the context path p or
// a folder above it, whether or not p exists: the question BuildKit's
// CopyIgnoredFile check asks of a COPY source.
func (c *Context) Excluded(p string) bool {
	if c.matcher == nil {
		return false
	}
	p = Clean(p)
	if p == "" {
		return false
	}
	c.matchMu.Lock()
	defer c.matchMu.Unlock()
	excluded, err := c.matcher.MatchesOrParentMatches(p)
	return err == nil && excluded
}

// Children lists the paths BuildKit receives directly inside the context
// folder dir ("" or "." for the root), as names relative to dir, folders with
// a trailing "/", sorted by name. Excluded paths are left out.
func (c *Context) Children(dir string) []string {
	kids, ok := c.childrenOf(dir)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(kids))
	for _, k := range kids {
		e := &c.entries[k]
		if !e.Sent {
			continue
		}
		name := e.Name()
		if e.Kind == Dir {
			name += "/"
		}
		out = append(out, name)
	}
	return out
}

// Source answers whether a COPY or ADD source, a literal path or a glob,
// matches anything BuildKit receives. Globs match like BuildKit's COPY:
// path.Match per path element below the literal prefix, so "*" never crosses
// a "/". A source holding a backslash (an escape to BuildKit) is Unknown.
func (c *Context) Source(src string) Presence {
	if strings.Contains(src, `\`) {
		return Unknown
	}
	p := Clean(src)
	if p == "" {
		return Present
	}
	segs := strings.Split(p, "/")
	lit := 0
	for lit < len(segs) && !strings.ContainsAny(segs[lit], "*?[") {
		lit++
	}
	idx, found := c.resolve(segs[:lit])
	if found == Present && lit < len(segs) {
		found = c.glob(idx, segs[lit:])
	}
	if found == Absent && !c.Complete {
		return Unknown
	}
	return found
}

// resolve follows literal path elements from the root. It answers Present
// with the index of the last one (-1 for none), Absent when one is missing
// or not sent, Unknown when a symlink would have to be followed.
func (c *Context) resolve(segs []string) (int32, Presence) {
	idx := int32(-1)
	for i := range segs {
		j, ok := c.byPath[strings.Join(segs[:i+1], "/")]
		if !ok || !c.entries[j].Sent {
			return -1, Absent
		}
		e := c.entries[j]
		if i < len(segs)-1 {
			switch e.Kind {
			case Symlink:
				return -1, Unknown
			case File:
				return -1, Absent
			}
		}
		idx = j
	}
	return idx, Present
}

// glob matches pattern elements below folder idx.
func (c *Context) glob(idx int32, pats []string) Presence {
	if idx >= 0 {
		switch c.entries[idx].Kind {
		case Symlink:
			return Unknown
		case File:
			return Absent
		}
	}
	result := Absent
	for _, k := range c.children[idx] {
		e := c.entries[k]
		if !e.Sent {
			continue
		}
		ok, err := path.Match(pats[0], e.Name())
		if err != nil {
			return Unknown
		}
		if !ok {
			continue
		}
		if len(pats) == 1 {
			return Present
		}
		switch c.glob(k, pats[1:]) {
		case Present:
			return Present
		case Unknown:
			result = Unknown
		}
	}
	return result
}

// Weight is what BuildKit sends for some paths.
type Weight struct {
	Files int   // regular files and symlinks
	Bytes int64 // bytes of the regular files
}

// weigh adds to w what BuildKit receives at or below entry i.
func (c *Context) weigh(i int32, w *Weight) {
	e := &c.entries[i]
	if !e.Sent {
		return
	}
	if e.Kind != Dir {
		w.Files++
		w.Bytes += e.Size
		return
	}
	for _, k := range c.children[i] {
		c.weigh(k, w)
	}
}

// childrenOf are the indexes of the entries directly inside the context
// folder dir ("" or "." for the root); ok is false when dir is no folder
// the walk recorded.
func (c *Context) childrenOf(dir string) (_ []int32, ok bool) {
	idx := int32(-1)
	if d := Clean(dir); d != "" {
		i, found := c.byPath[d]
		if !found || c.entries[i].Kind != Dir {
			return nil, false
		}
		idx = i
	}
	return c.children[idx], true
}
