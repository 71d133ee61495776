package exepages

import (
	"slices"
	"strings"
	"testing"
)

const smaps = `00400000-010f5000 r-xp 00000000 fd:01 4242 /usr/bin/dockerfile-lsp
Size:              13268 kB
Rss:               10748 kB
Anonymous:             0 kB
VmFlags: rd ex mr mw me
010f5000-01e22000 r--p 00cf5000 fd:01 4242 /usr/bin/dockerfile-lsp
Rss:               10864 kB
Anonymous:             0 kB
01e22000-01ecd000 rw-p 01a22000 fd:01 4242 /usr/bin/dockerfile-lsp
Rss:                 556 kB
Anonymous:           164 kB
01ecd000-01ece000 r-xp 01acd000 fd:01 4242 /usr/bin/dockerfile-lsp
Rss:                   4 kB
Anonymous:             4 kB
7f0000000000-7f0000001000 r-xp 00000000 fd:01 777 /usr/lib/other.so
Rss:                   4 kB
Anonymous:             0 kB
7f0000002000-7f0000003000 r-xs 00000000 fd:01 4242 /usr/bin/dockerfile-lsp
Rss:                   4 kB
Anonymous:             0 kB
7ffc7d29a000-7ffc7d2bb000 rw-p 00000000 00:00 0 [stack]
Rss:                  16 kB
Anonymous:            16 kB
`

// Only the clean, private code mappings of the executable qualify: not its
// constant data, not its variables, not a code page a debugger wrote to,
// not another file, not a shared mapping.
func TestCodeMappings(t *testing.T) {
	got, err := codeMappings(strings.NewReader(smaps), 4242)
	if err != nil {
		t.Fatal(err)
	}
	want := []mapping{{0x400000, 0x10f5000, 10748}}
	if !slices.Equal(got, want) {
		t.Errorf("got %x, want %x", got, want)
	}
}

// After Release, the executable's code mappings hold fewer pages.
func TestRelease(t *testing.T) {
	before := resident(t)
	n, err := Release()
	if err != nil || n == 0 {
		t.Fatalf("Release: %d bytes, %v", n, err)
	}
	if after := resident(t); after >= before {
		t.Errorf("resident pages of the executable: %d kB before, %d kB after", before, after)
	}
}

// resident sums the resident size of the mappings Release drops.
func resident(t *testing.T) int64 {
	maps, err := executableMappings()
	if err != nil || len(maps) == 0 {
		t.Fatalf("no read-only mapping of the executable (%v)", err)
	}
	var kb int64
	for _, m := range maps {
		kb += m.residentKB
	}
	return kb
}
