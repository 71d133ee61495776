package testenv

import (
	"runtime"
	"testing"
)

// recorder is a testing.TB that records whether it was skipped or failed.
type recorder struct {
	testing.TB
	skipped, failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Skip(...any)           { r.skipped = true; runtime.Goexit() }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; runtime.Goexit() }

func TestMissing(t *testing.T) {
	for _, tc := range []struct {
		ci   string
		fail bool
	}{{"true", true}, {"1", true}, {"", false}, {"false", false}, {"0", false}} {
		t.Setenv("CI", tc.ci)
		r := &recorder{TB: t}
		done := make(chan struct{})
		go func() { defer close(done); Missing(r, "no %s", "zsh") }()
		<-done
		if r.failed != tc.fail || r.skipped == tc.fail {
			t.Errorf("CI=%q: failed %v, skipped %v; want failed %v", tc.ci, r.failed, r.skipped, tc.fail)
		}
	}
}
