package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/uri"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
)

// bigContext is a build context of 50,000 files (50 folders of 20 folders
// of 50 files) with a Dockerfile at its root, written once per test binary
// beside the binary (TestMain removes it).
var bigContext = sync.OnceValues(func() (string, error) {
	dir := filepath.Join(filepath.Dir(binary), "context")
	for i := range 50 {
		for j := range 20 {
			sub := filepath.Join(dir, fmt.Sprintf("d%02d", i), fmt.Sprintf("s%02d", j))
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return "", err
			}
			for k := range 50 {
				if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%02d.txt", k)), nil, 0o644); err != nil {
					return "", err
				}
			}
		}
	}
	return dir, os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(bigContextDockerfile), 0o644)
})

const bigContextDockerfile = "FROM alpine\nWORKDIR /app\nCOPY d07/s03/f1\n"

// walkTook finds the walk's log line; the binary logs durations in seconds.
var walkTook = regexp.MustCompile(`build context walked.*"paths": (\d+), "took": ([0-9.e-]+)`)

// Completion of a context path in a 50,000-file context over stdio. The
// first completion waits for the walk (first-ms, and walk-ms as the server
// logs it); the others are the p50/p95 figures. peak-RSS-MB is the
// server's high-water mark at the end.
func BenchmarkE2EContextCompletion(b *testing.B) {
	root, err := bigContext()
	if err != nil {
		b.Fatal(err)
	}
	p := start(b)
	ctx := ctxFor(b)
	var res map[string]any
	if err := p.Call(ctx, "initialize", map[string]any{
		"processId": os.Getpid(), "rootUri": string(uri.File(root)), "clientInfo": map[string]any{"name": "e2e"},
		"capabilities": json.RawMessage(clientCaps),
	}, &res); err != nil {
		b.Fatal(err)
	}
	p.Notify("initialized", map[string]any{})
	u := string(uri.File(filepath.Join(root, "Dockerfile")))
	p.open(b, u, bigContextDockerfile)
	complete := func() int {
		var list struct {
			Items []struct{ Label string } `json:"items"`
		}
		if err := p.Call(ctx, "textDocument/completion", map[string]any{
			"textDocument": map[string]any{"uri": u}, "position": pos(2, 15)}, &list); err != nil {
			b.Fatal(err)
		}
		return len(list.Items)
	}
	t0 := time.Now()
	if n := complete(); n != 10 {
		b.Fatalf("%d items for d07/s03/f1, want f10.txt to f19.txt", n)
	}
	first := time.Since(t0)
	var walk time.Duration
	if m := walkTook.FindStringSubmatch(p.stderr.String()); m != nil {
		secs, _ := strconv.ParseFloat(m[2], 64)
		walk = time.Duration(secs * float64(time.Second))
		if n, _ := strconv.Atoi(m[1]); n < 50_000 {
			b.Fatalf("the walk recorded %d paths", n)
		}
	}
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		t := time.Now()
		complete()
		samples = append(samples, time.Since(t))
	}
	b.StopTimer()
	analysistest.ReportLatency(b, "", samples) // after ResetTimer, which drops reported metrics
	b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
	b.ReportMetric(float64(walk.Microseconds())/1000, "walk-ms")
	if status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid)); err == nil {
		for _, l := range strings.Split(string(status), "\n") {
			if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
				if kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB"))); err == nil {
					b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
				}
			}
		}
	}
}
