// Package testenv decides what a test does when something it needs from the
// machine is missing (a shell, the shared corpus): on a developer's machine
// it skips with a message; in CI it fails, because a CI run that skips
// passes while testing nothing.
package testenv

import (
	"fmt"
	"os"
	"testing"
)

// InCI reports whether the tests run in CI: CI is set, as CI systems set it
// (CI=true), and not to "false" or "0".
func InCI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "false" && v != "0"
}

// Missing reports that something the test needs is absent: tb skips, or in
// CI fails, with the message and how to provide it.
func Missing(tb testing.TB, format string, args ...any) {
	tb.Helper()
	msg := fmt.Sprintf(format, args...)
	if InCI() {
		tb.Fatalf("%s (CI=%s: a missing test input fails in CI instead of skipping)", msg, os.Getenv("CI"))
	}
	tb.Skip(msg)
}
