package syntax

import (
	"sync"
	"testing"
)

// A memoized value is the one made for the node's own offset, also when two
// versions of the file share the instruction and ask for it at once.
func TestMemoPerOffset(t *testing.T) {
	before := Parse("FROM alpine\nRUN true\nRUN make\n")
	after := before.Apply(16, 16, "x") // RUN xtrue: the RUN after it moves
	old, moved := before.Instructions()[2], after.Instructions()[2]
	if old.inst != moved.inst || old.Offset == moved.Offset {
		t.Fatalf("the edit did not reuse the RUN at a new offset: %d, %d", old.Offset, moved.Offset)
	}
	var wg sync.WaitGroup
	for i := range 16 {
		n := old
		if i%2 == 1 {
			n = moved
		}
		wg.Go(func() {
			for range 100 {
				got := n.Memo(func(prev any, prevOffset int) any {
					if prev != nil && prev.(int) != prevOffset {
						t.Errorf("previous value %v was made for offset %d", prev, prevOffset)
					}
					return n.Offset
				})
				if got != n.Offset {
					t.Errorf("Memo at %d = %v", n.Offset, got)
				}
			}
		})
	}
	wg.Wait()
}
