// Package wsfiletest makes hostile workspaces for tests of the readers that
// go through wsfile.Read: FIFOs, symlinks to devices and out of the
// workspace. Within runs the code under test with a deadline and a heap cap,
// so that a reader that regresses fails its test instead of hanging it or
// eating the machine's memory.
package wsfiletest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"testing"
	"time"
)

// Symlink makes link point to target, creating link's folder.
func Symlink(tb testing.TB, target, link string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		tb.Skipf("no symlinks here: %v", err)
	}
}

// Fifo makes a named pipe at p, creating its folder; the test is skipped
// where there are none.
func Fifo(tb testing.TB, p string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := mkfifo(p); err != nil {
		tb.Skipf("no FIFOs here: %v", err)
	}
}

// HeapCap is the live heap above which Within and GuardHeap stop the test
// binary. The readers cap files at a few MiB; a regression that reads
// /dev/zero passes this within a fraction of a second.
const HeapCap = 512 << 20

// Within runs f and fails the test when it has not returned after timeout,
// guarding the heap meanwhile as GuardHeap does. f must report with t.Error,
// not t.Fatal (it runs on its own goroutine).
func Within(tb testing.TB, timeout time.Duration, what string, f func()) {
	tb.Helper()
	done := make(chan struct{})
	stop := guard(what)
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
		stop()
	case <-time.After(timeout):
		// f still runs: the guard stays on for the rest of the binary.
		tb.Fatalf("%s did not finish within %s", what, timeout)
	}
}

// GuardHeap watches the heap until the test ends and panics should it pass
// HeapCap: nothing else stops a goroutine that reads without end, and the
// machine must not run out of memory. For tests whose code under test runs
// in the test binary, such as an in-process server.
func GuardHeap(tb testing.TB, what string) {
	tb.Cleanup(guard(what))
}

func guard(what string) (stop func()) {
	done := make(chan struct{})
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				metrics.Read(sample)
				if heap := sample[0].Value.Uint64(); heap > HeapCap {
					panic(fmt.Sprintf("%s: the heap grew to %d MiB", what, heap>>20))
				}
			}
		}
	}()
	return func() { close(done) }
}
