package exepages

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
)

func release() (int64, error) {
	maps, err := executableMappings()
	if err != nil {
		return 0, err
	}
	var released int64
	for _, m := range maps {
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, m.start, m.end-m.start, syscall.MADV_DONTNEED); errno != 0 {
			return released, fmt.Errorf("madvise: %w", errno)
		}
		released += int64(m.end - m.start)
	}
	return released, nil
}

// executableMappings are the code mappings of the running executable that
// Release may drop.
func executableMappings() ([]mapping, error) {
	exe, err := os.Stat("/proc/self/exe")
	if err != nil {
		return nil, err
	}
	st, ok := exe.Sys().(*syscall.Stat_t)
	if !ok {
		return nil, nil
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return codeMappings(f, st.Ino)
}

type mapping struct {
	start, end uintptr
	residentKB int64
}

// codeMappings lists, from /proc/PID/smaps, the private read-only
// executable mappings of the file with inode ino that hold no page of their
// own ("Anonymous: 0 kB").
func codeMappings(smaps io.Reader, ino uint64) ([]mapping, error) {
	var out []mapping
	var cur *mapping // the mapping whose fields are being read, if it may qualify
	sc := bufio.NewScanner(smaps)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		switch fields[0] {
		case "Rss:":
			if cur != nil && len(fields) > 1 {
				cur.residentKB, _ = strconv.ParseInt(fields[1], 10, 64)
			}
			continue
		case "Anonymous:":
			if cur != nil && len(fields) > 1 && fields[1] == "0" {
				out = append(out, *cur)
			}
			cur = nil
			continue
		}
		// A mapping's header: start-end perms offset dev inode [path].
		lo, hi, ok := strings.Cut(fields[0], "-")
		if !ok || len(fields) < 5 {
			continue
		}
		cur = nil
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		inode, err3 := strconv.ParseUint(fields[4], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			continue
		}
		if inode == ino && fields[1] == "r-xp" {
			cur = &mapping{start: uintptr(start), end: uintptr(end)}
		}
	}
	return out, sc.Err()
}
