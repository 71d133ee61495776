package buildcontext

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/moby/patternmatcher"
)

// walker lists the context breadth first, so that a walk cut short by a
// bound still knows the top of the tree, which completion needs most.
type walker struct {
	c      *Context
	pm     *patternmatcher.PatternMatcher // nil: nothing is excluded
	limits Limits
	ctx    context.Context
	start  time.Time
	bound  Bound
}

// pending is a folder waiting to be listed.
type pending struct {
	index int32 // -1 for the root
	rel   string
	depth int
	match patternmatcher.MatchInfo // the folder's own match results, handed to its children
}

func (w *walker) walk() {
	c := w.c
	c.byPath = map[string]int32{}
	c.children = map[int32][]int32{}
	queue := []pending{{index: -1}}
	for len(queue) > 0 && w.bound == NoBound {
		d := queue[0]
		queue = queue[1:]
		list, err := os.ReadDir(filepath.Join(c.Dir, filepath.FromSlash(d.rel)))
		if err != nil {
			if d.index >= 0 && c.entries[d.index].Excluded {
				continue // BuildKit skips an excluded folder it cannot read, too
			}
			w.bound = Unreadable
			break
		}
		for _, de := range list {
			if w.stop() {
				break
			}
			e, mi, ok := w.entry(d, de)
			if !ok {
				continue
			}
			idx := int32(len(c.entries))
			c.entries = append(c.entries, e)
			c.byPath[e.Path] = idx
			c.children[d.index] = append(c.children[d.index], idx)
			if e.Kind != Dir {
				continue
			}
			if e.Excluded && !w.mayReinclude(e.Path) {
				c.entries[idx].Pruned = true
				continue
			}
			if d.depth+1 >= w.limits.MaxDepth {
				w.bound = DepthBound
				continue
			}
			queue = append(queue, pending{index: idx, rel: e.Path, depth: d.depth + 1, match: mi})
		}
	}
	// A folder is sent when it is not excluded or when anything below it is;
	// children come after their parents, so one backward pass settles it.
	for i := len(c.entries) - 1; i >= 0; i-- {
		if e := c.entries[i]; e.Sent && e.parent >= 0 {
			c.entries[e.parent].Sent = true
		}
	}
}

// entry describes one listed path, with the match results a folder hands to
// its children; ok is false for what BuildKit does not send (FIFOs, sockets,
// devices) and for paths the matcher rejects.
func (w *walker) entry(d pending, de fs.DirEntry) (_ Entry, _ patternmatcher.MatchInfo, ok bool) {
	e := Entry{Path: de.Name(), parent: d.index}
	if d.rel != "" {
		e.Path = d.rel + "/" + de.Name()
	}
	switch t := de.Type(); {
	case t.IsDir():
		e.Kind = Dir
	case t&fs.ModeSymlink != 0:
		e.Kind = Symlink
	case t.IsRegular():
		e.Kind = File
		info, err := de.Info()
		if err != nil {
			return Entry{}, patternmatcher.MatchInfo{}, false // removed since the listing
		}
		e.Size = info.Size()
	default:
		return Entry{}, patternmatcher.MatchInfo{}, false
	}
	var mi patternmatcher.MatchInfo
	if w.pm != nil {
		excluded, info, err := w.pm.MatchesUsingParentResults(e.Path, d.match)
		if err != nil {
			w.bound = Unreadable
			return Entry{}, mi, false
		}
		e.Excluded, mi = excluded, info
	}
	e.Sent = !e.Excluded
	return e, mi, true
}

// stop checks the entry and time bounds; the clock is read every 256 entries.
func (w *walker) stop() bool {
	if w.bound != NoBound {
		return true
	}
	n := len(w.c.entries)
	if n >= w.limits.MaxEntries {
		w.bound = EntryBound
		return true
	}
	if n%256 == 0 && (time.Since(w.start) > w.limits.MaxTime || w.ctx.Err() != nil) {
		w.bound = TimeBound
		return true
	}
	return false
}

// mayReinclude reports whether a "!" pattern could re-include something
// inside the excluded folder dir, in which case BuildKit walks into it too.
// Like BuildKit's file sender, a literal exception only reaches the folders
// on its own path; one with wildcards may reach anywhere.
func (w *walker) mayReinclude(dir string) bool {
	if !w.pm.Exclusions() {
		return false
	}
	for _, p := range w.pm.Patterns() {
		if !p.Exclusion() {
			continue
		}
		s := filepath.ToSlash(p.String())
		if strings.ContainsAny(s, `*?[\`) || strings.HasPrefix(s+"/", dir+"/") {
			return true
		}
	}
	return false
}
