package buildcontext_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
)

var (
	bigOnce sync.Once
	bigDir  string
)

// bigContext is a 50,000-file context (50 packages × 10 folders × 100
// files) with a node_modules the .dockerignore excludes, made once per run.
func bigContext(b *testing.B) string {
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "buildcontext-bench")
		if err != nil {
			b.Fatal(err)
		}
		for p := 0; p < 50; p++ {
			for d := 0; d < 10; d++ {
				sub := filepath.Join(dir, fmt.Sprintf("pkg%02d", p), fmt.Sprintf("dir%d", d))
				if err := os.MkdirAll(sub, 0o755); err != nil {
					b.Fatal(err)
				}
				for f := 0; f < 100; f++ {
					if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("file%03d.go", f)), []byte("package x\n"), 0o644); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte("**/*.log\nnode_modules\n!pkg00/dir0/file000.go\n"), 0o644); err != nil {
			b.Fatal(err)
		}
		bigDir = dir
	})
	return bigDir
}

// noTimeBound keeps a busy machine from cutting the measured walk short.
var noTimeBound = buildcontext.Limits{MaxTime: time.Minute}

// BenchmarkWalk50k is a first walk of a 50,000-file context (the OS's own
// caches warm after the first iteration, as in an editor after the folder
// was opened).
func BenchmarkWalk50k(b *testing.B) {
	dir := bigContext(b)
	for b.Loop() {
		c, err := buildcontext.Load(context.Background(), buildcontext.Options{Dir: dir, Read: os.ReadFile, Limits: noTimeBound})
		if err != nil || !c.Complete || c.Len() < 50_000 {
			b.Fatalf("err %v, complete %v, %d entries", err, c != nil && c.Complete, c.Len())
		}
	}
}

// BenchmarkChildren50k lists a folder for completion in the walked context.
func BenchmarkChildren50k(b *testing.B) {
	c, err := buildcontext.Load(context.Background(), buildcontext.Options{Dir: bigContext(b), Read: os.ReadFile, Limits: noTimeBound})
	if err != nil || !c.Complete {
		b.Fatal(err)
	}
	for _, dir := range []string{"", "pkg17/dir3"} {
		b.Run("dir="+dir, func(b *testing.B) {
			for b.Loop() {
				if len(c.Children(dir)) == 0 {
					b.Fatal("no children")
				}
			}
		})
	}
	b.Run("source", func(b *testing.B) {
		for b.Loop() {
			if c.Source("pkg4?/dir*/file099.go") != buildcontext.Present {
				b.Fatal("not found")
			}
		}
	})
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}
