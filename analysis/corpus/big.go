package corpus

import (
	"strings"
	"testing"
)

// Big is a Dockerfile of at least size bytes for benchmarks of
// large inputs: the real corpus's files one after the other, as many rounds
// as it takes. Real files give the mix of instructions, heredocs,
// continuations and findings editors meet.
func Big(tb testing.TB, size int) string {
	tb.Helper()
	files := Files(tb, "real")
	texts := make([]string, len(files))
	for i, path := range files {
		texts[i] = Read(tb, path)
	}
	var b strings.Builder
	for b.Len() < size {
		for _, text := range texts {
			b.WriteString(text)
			if !strings.HasSuffix(text, "\n") {
				b.WriteString("\n")
			}
		}
	}
	return b.String()
}
