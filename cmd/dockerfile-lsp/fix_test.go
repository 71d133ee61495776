package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFixSplit(t *testing.T) {
	in, err := os.ReadFile("../../testdata/split/go_1.Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../testdata/split/go_1.golden")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.WriteFile(path, in, 0o600); err != nil {
		t.Fatal(err)
	}

	var stdout, stderr bytes.Buffer
	if code := runFix([]string{"--split", path}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if stdout.String() != string(want) {
		t.Errorf("printed:\n%s", stdout.String())
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, in) {
		t.Errorf("the file changed without -w")
	}

	stdout.Reset()
	if code := runFix([]string{"--split", "-w", path}, &stdout, &stderr); code != 0 {
		t.Fatalf("-w: exit %d: %s", code, stderr.String())
	}
	got, _ := os.ReadFile(path)
	if string(got) != string(want) || stdout.Len() != 0 {
		t.Errorf("-w wrote:\n%s\nand printed %q", got, stdout.String())
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("-w changed the mode to %v", info.Mode().Perm())
	}

	// Split again: the file is multi-stage now, nothing to do.
	stderr.Reset()
	if code := runFix([]string{"--split", path}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "2 stages") {
		t.Errorf("second split: exit %d, %q", code, stderr.String())
	}
}

func TestFixPreferred(t *testing.T) {
	const in = "FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=buidler /app /app\nCMD [\"/app\"]\n"
	const want = "FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=builder /app /app\nCMD [\"/app\"]\n"
	path := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := runFix([]string{path}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if stdout.String() != want {
		t.Errorf("got:\n%s", stdout.String())
	}
	// Nothing left to fix.
	if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	if code := runFix([]string{path}, &stdout, &stderr); code != 1 || stdout.String() != want {
		t.Errorf("clean file: exit %d, printed %q", code, stdout.String())
	}
}

func TestFixUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runFix(nil, &stdout, &stderr); code != 2 {
		t.Errorf("no file: exit %d", code)
	}
	if code := runFix([]string{"a", "b"}, &stdout, &stderr); code != 2 {
		t.Errorf("two files without -w: exit %d", code)
	}
	if code := runFix([]string{filepath.Join(t.TempDir(), "missing")}, &stdout, &stderr); code != 2 {
		t.Errorf("missing file: exit %d", code)
	}
}
