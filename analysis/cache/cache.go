// Package cache is the one place where the engine keeps what it derives
// from a text beyond the call that derived it: models per syntax snapshot,
// BuildKit's reading of FROM lines, parsed RUN commands, BuildKit's lint
// outcomes. One policy for all of them: entries are bounded by their total
// estimated size in bytes, not by their count, and the least recently used
// go first. A large file therefore displaces many small ones instead of
// sitting in one of a fixed number of slots, and the cache's memory does not
// grow with the number of open documents.
//
// Values must be immutable once built: they are shared by every goroutine
// that asks for the same key.
package cache

import (
	"container/list"
	"sync"
)

// Budget is the total estimated size of the entries kept. The entry used
// last is kept even when it alone is larger.
const Budget = 4 << 20

type entry struct {
	key  any
	size int
	done chan struct{} // closed once val is set (or the build failed)
	val  any
	ok   bool
	elem *list.Element // nil once evicted
}

var store = struct {
	sync.Mutex
	m     map[any]*entry
	lru   list.List // front: most recently used
	total int
}{m: map[any]*entry{}}

// Do returns the value build makes for key, calling build at most once
// while the entry is kept; concurrent callers of the same key wait for the
// first. size estimates the value's memory in bytes. key must be comparable
// and should hold an unexported type of the calling package, so that
// packages cannot collide. build must not call Do with the same key.
func Do[V any](key any, size int, build func() V) V {
	store.Lock()
	if e, ok := store.m[key]; ok {
		store.lru.MoveToFront(e.elem)
		store.Unlock()
		<-e.done
		if e.ok {
			return e.val.(V)
		}
		return build() // the first build panicked: try on our own
	}
	e := &entry{key: key, size: size, done: make(chan struct{})}
	insert(e)
	store.Unlock()
	defer func() {
		if !e.ok { // build panicked: forget the entry, let the panic go on
			store.Lock()
			remove(e)
			store.Unlock()
		}
		close(e.done)
	}()
	v := build()
	e.val, e.ok = v, true
	return v
}

// Get returns the value kept for key by Put or by a finished Do.
func Get[V any](key any) (V, bool) {
	store.Lock()
	e, ok := store.m[key]
	if ok {
		store.lru.MoveToFront(e.elem)
	}
	store.Unlock()
	if ok {
		select {
		case <-e.done:
			if v, isV := e.val.(V); e.ok && isV {
				return v, true
			}
		default: // still being built: the caller builds its own
		}
	}
	var zero V
	return zero, false
}

// Put keeps v for key, replacing what was there.
func Put(key any, size int, v any) {
	e := &entry{key: key, size: size, done: make(chan struct{}), val: v, ok: true}
	close(e.done)
	store.Lock()
	if old, ok := store.m[key]; ok {
		remove(old)
	}
	insert(e)
	store.Unlock()
}

// insert adds e and evicts the least recently used entries past the
// budget. The store's lock is held.
func insert(e *entry) {
	store.m[e.key] = e
	e.elem = store.lru.PushFront(e)
	store.total += e.size
	for store.total > Budget && store.lru.Len() > 1 {
		remove(victim(store.total - Budget))
	}
}

// victim is the least recently used entry whose eviction alone brings the
// store back under the budget, or else the least recently used one. Plain
// LRU would let one large model push out the small entries that are costly
// to rebuild (BuildKit's outcomes) instead of the large one before it.
func victim(excess int) *entry {
	for el := store.lru.Back(); el != nil; el = el.Prev() {
		if e := el.Value.(*entry); e.size >= excess && el != store.lru.Front() {
			return e
		}
	}
	return store.lru.Back().Value.(*entry)
}

// remove drops e; callers already waiting on it still get its value. An
// entry still in the list is the one the map holds for its key (insert
// and remove are the only writers of both), so the key is hashed once: a
// large file's edit evicts hundreds of entries keyed by their text.
func remove(e *entry) {
	if e.elem == nil {
		return
	}
	store.lru.Remove(e.elem)
	e.elem = nil
	store.total -= e.size
	delete(store.m, e.key)
}

// size is the total estimated size of the entries kept.
func size() int {
	store.Lock()
	defer store.Unlock()
	return store.total
}
