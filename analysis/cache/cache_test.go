package cache

import (
	"sync"
	"sync/atomic"
	"testing"
)

type testKey struct{ n int }

func TestDoBuildsOnceForConcurrentCallers(t *testing.T) {
	var builds atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if v := Do(testKey{1}, 10, func() int { builds.Add(1); return 42 }); v != 42 {
				t.Errorf("got %d", v)
			}
		})
	}
	wg.Wait()
	if builds.Load() != 1 {
		t.Errorf("%d builds, want 1", builds.Load())
	}
}

// The budget bounds the total size: a large entry displaces the least
// recently used small ones, and is kept even when larger than the budget.
func TestBudgetBySize(t *testing.T) {
	for i := range 100 {
		Put(testKey{100 + i}, Budget/50, i)
	}
	if size() > Budget {
		t.Errorf("size %d over the budget %d", size(), Budget)
	}
	if _, ok := Get[int](testKey{100}); ok {
		t.Error("the oldest entry is still kept")
	}
	if v, ok := Get[int](testKey{199}); !ok || v != 99 {
		t.Errorf("the newest entry: %v %v", v, ok)
	}
	Put(testKey{300}, 2*Budget, 1)
	if _, ok := Get[int](testKey{300}); !ok || size() != 2*Budget {
		t.Errorf("an entry larger than the budget is not kept alone: size %d", size())
	}
}

func TestPanickingBuildIsForgotten(t *testing.T) {
	func() {
		defer func() { _ = recover() }()
		Do(testKey{400}, 1, func() int { panic("no") })
	}()
	if v := Do(testKey{400}, 1, func() int { return 7 }); v != 7 {
		t.Errorf("got %d after a panicking build", v)
	}
}

// A large entry displaces the large one before it, not the small entries
// used in between.
func TestLargeEntryDisplacesLargeOne(t *testing.T) {
	Put(testKey{500}, Budget*3/4, "old model")
	Put(testKey{501}, 100, "outcome")
	Put(testKey{502}, Budget*3/4, "new model")
	if _, ok := Get[string](testKey{500}); ok {
		t.Error("the old large entry is kept")
	}
	if _, ok := Get[string](testKey{501}); !ok {
		t.Error("the small entry was evicted instead of the large one")
	}
}
