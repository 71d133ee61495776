package main

// End-to-end benchmarks over stdio against the real binary. Besides ns/op
// they report the median and 95th percentile in microseconds. Run with
//
//	go test ./cmd/dockerfile-lsp -run '^$' -bench E2E -benchtime 200x

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/server/lsptest"
)

// largeDockerfile is a 2,000-line, 20-stage build: each stage copies from the
// one before it, and the final stage from all of them.
func largeDockerfile() (text string, completionLine int) {
	var b strings.Builder
	line := 0
	add := func(format string, args ...any) {
		fmt.Fprintf(&b, format+"\n", args...)
		line++
	}
	add("# syntax=docker/dockerfile:1")
	add("ARG GO_VERSION=1.22")
	for i := range 20 {
		add("")
		add("FROM golang:${GO_VERSION} AS stage%02d", i)
		add("ARG VERSION_%d=1.0.%d", i, i)
		add("ENV APP_HOME=/srv/app%d PATH=/srv/app%d/bin:$PATH", i, i)
		add("WORKDIR /src/%d", i)
		if i > 0 {
			add("COPY --from=stage%02d /out /in/%d", i-1, i)
		}
		add("RUN set -eux; \\")
		for j := 0; line < (i+1)*99; j++ {
			add("    echo \"step %d of stage %d: $VERSION_%d\" >> /log/%d.txt; \\", j, i, i, i)
		}
		add("    true")
		add("RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/bin%d ./cmd/%d", i, i)
	}
	add("")
	add("FROM scratch")
	for i := range 20 {
		add("COPY --from=stage%02d /out/bin%d /bin/", i, i)
	}
	completionLine = line
	add("COPY --from=")
	return b.String(), completionLine
}

// One-character edit in the 2,000-line file → its diagnostics published,
// as the server schedules it by default (no debounce).
func BenchmarkE2EDidChangeToPublish(b *testing.B) {
	text, _ := largeDockerfile()
	p := start(b, "--diagnostics-delay", "0")
	ctx := ctxFor(b)
	p.initialize(b, clientCaps)
	const uri = "file:///bench/Dockerfile"
	p.open(b, uri, text)
	if _, err := p.NextDiagnostics(ctx, uri, nil); err != nil {
		b.Fatal(err)
	}
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		version := i + 2
		// Type a character into a RUN line in the middle, then delete it.
		var change map[string]any
		if i%2 == 0 {
			change = map[string]any{"range": map[string]any{"start": pos(1000, 9), "end": pos(1000, 9)}, "text": "x"}
		} else {
			change = map[string]any{"range": map[string]any{"start": pos(1000, 9), "end": pos(1000, 10)}, "text": ""}
		}
		t0 := time.Now()
		p.Notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{change},
		})
		if _, err := p.NextDiagnostics(ctx, uri, func(d *lsptest.Diagnostics) bool { return *d.Version == version }); err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(t0))
	}
	b.StopTimer()
	analysistest.ReportLatency(b, "", samples)
}

// Completion at COPY --from= at the end of the 2,000-line file, round trip.
func BenchmarkE2ECompletion(b *testing.B) {
	text, line := largeDockerfile()
	p := start(b)
	ctx := ctxFor(b)
	p.initialize(b, clientCaps)
	const uri = "file:///bench/Dockerfile"
	p.open(b, uri, text)
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		var list struct {
			Items []struct{ Label string } `json:"items"`
		}
		t0 := time.Now()
		if err := p.Call(ctx, "textDocument/completion", map[string]any{
			"textDocument": map[string]any{"uri": uri}, "position": pos(line, 12)}, &list); err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(t0))
		if len(list.Items) < 20 {
			b.Fatalf("%d items at COPY --from=, want the 20 stages", len(list.Items))
		}
	}
	b.StopTimer()
	analysistest.ReportLatency(b, "", samples)
}

// didOpen of a typical 50-line file → its diagnostics, every rule and
// BuildKit's checks included.
func BenchmarkE2EOpenToDiagnostics(b *testing.B) {
	text, _ := largeDockerfile()
	lines := strings.SplitAfter(text, "\n")
	small := strings.Join(lines[:45], "") + "\nFROM scratch\nCOPY --from=stage00 /out/bin0 /bin/\n"
	p := start(b)
	ctx := ctxFor(b)
	p.initialize(b, clientCaps)
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		uri := fmt.Sprintf("file:///bench/%d/Dockerfile", i)
		t0 := time.Now()
		// A different text each time: BuildKit's results are cached by text.
		p.open(b, uri, small+fmt.Sprintf("# %d\n", i))
		if _, err := p.NextDiagnostics(ctx, uri, nil); err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(t0))
		p.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
		p.NextDiagnostics(ctx, uri, nil) // the clearing publication
	}
	b.StopTimer()
	analysistest.ReportLatency(b, "", samples)
}

// Process start → initialize result.
func BenchmarkE2ESpawnToInitialize(b *testing.B) {
	spawnToInitialize(b, binary)
}

// Process start → diagnostics of a 50-line file, opened right after the
// handshake, as an editor starting on a Dockerfile does: start-up, the
// first run of every rule and of BuildKit's checks, and the code pages the
// server dropped after initialized being faulted back in.
func BenchmarkE2ESpawnToFirstDiagnostics(b *testing.B) {
	text, _ := largeDockerfile()
	lines := strings.SplitAfter(text, "\n")
	small := strings.Join(lines[:45], "") + "\nFROM scratch\nCOPY --from=stage00 /out/bin0 /bin/\n"
	const uri = "file:///bench/first/Dockerfile"
	samples := make([]time.Duration, 0, b.N)
	for range b.N {
		t0 := time.Now()
		p := start(b)
		p.initialize(b, clientCaps)
		p.open(b, uri, small)
		if _, err := p.NextDiagnostics(ctxFor(b), uri, nil); err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(t0))
		p.stdin.Close()
		p.wait(b)
	}
	analysistest.ReportLatency(b, "", samples)
}

// The floors under BenchmarkE2ESpawnToInitialize, measured in one run with
// the server itself so that they compare: testdata/spawnfloor answers
// initialize with a constant, linking nothing but the Go runtime, then the
// libraries the server is required to use without BuildKit's converter
// (parser, instructions, linter, LSP protocol, JSON-RPC, zap,
// distribution/reference), then BuildKit's converter, which running
// BuildKit's checks in-process needs. What each takes is the process
// start, the Go runtime and its packages' initialisation (protobuf
// descriptors, gRPC, regexps compiled by distribution/reference...).
func BenchmarkE2ESpawnFloor(b *testing.B) {
	for _, floor := range []struct{ name, tags string }{
		{"go-runtime", "floor_runtime"},
		{"required-libraries", "floor_required"},
		{"dockerfile2llb", ""},
	} {
		stub := filepath.Join(b.TempDir(), "spawnfloor-"+floor.name)
		build := exec.Command("go", "build", "-tags", floor.tags, "-o", stub, "./testdata/spawnfloor")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			b.Fatalf("building the %s stub: %v\n%s", floor.name, err, out)
		}
		b.Run(floor.name, func(b *testing.B) { spawnToInitialize(b, stub) })
	}
	b.Run("server", func(b *testing.B) { spawnToInitialize(b, binary) })
}

func spawnToInitialize(b *testing.B, path string) {
	samples := make([]time.Duration, 0, b.N)
	for range b.N {
		t0 := time.Now()
		p := startBinary(b, path)
		p.initialize(b, clientCaps)
		samples = append(samples, time.Since(t0))
		p.stdin.Close()
		p.wait(b)
	}
	analysistest.ReportLatency(b, "", samples)
}

// largeCaps adds semantic tokens to clientCaps.
const largeCaps = `{
	"textDocument": {
		"codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
		"semanticTokens": {"formats": ["relative"]},
		"publishDiagnostics": {"versionSupport": true}
	}
}`

// Completion in a small file while a 2 MB file is edited every 100 ms, each
// edit on its first instruction line (which rescans the whole file).
func BenchmarkE2ECompletionWhileEditingLarge(b *testing.B) {
	big := corpus.Big(b, 2<<20)
	small, line := largeDockerfile()
	p := start(b)
	ctx := ctxFor(b)
	p.initialize(b, largeCaps)
	p.open(b, "file:///bench/big/Dockerfile", big)
	p.open(b, "file:///bench/small/Dockerfile", small)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for version := 2; ; version++ {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			change := map[string]any{"range": map[string]any{"start": pos(0, 0), "end": pos(0, 0)}, "text": "#"}
			if version%2 == 1 {
				change = map[string]any{"range": map[string]any{"start": pos(0, 0), "end": pos(0, 1)}, "text": ""}
			}
			p.Notify("textDocument/didChange", map[string]any{
				"textDocument":   map[string]any{"uri": "file:///bench/big/Dockerfile", "version": version},
				"contentChanges": []any{change},
			})
		}
	}()
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		if err := p.Call(ctx, "textDocument/completion", map[string]any{
			"textDocument": map[string]any{"uri": "file:///bench/small/Dockerfile"}, "position": pos(line, 12)}, nil); err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(t0))
		time.Sleep(20 * time.Millisecond) // spread the requests over the edits
	}
	b.StopTimer()
	close(stop)
	<-done
	analysistest.ReportLatency(b, "", samples)
}

// largeRequest times a request on a 740 KB file, the file edited before
// each so nothing is served from a cache.
func largeRequest(b *testing.B, method string, params func(uri string, lines int) map[string]any) {
	text := corpus.Big(b, 740<<10)
	lines := strings.Count(text, "\n")
	p := start(b)
	ctx := ctxFor(b)
	p.initialize(b, largeCaps)
	const uri = "file:///bench/large/Dockerfile"
	p.open(b, uri, text)
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		change := map[string]any{"range": map[string]any{"start": pos(lines/2, 0), "end": pos(lines/2, 0)}, "text": "#"}
		if i%2 == 1 {
			change = map[string]any{"range": map[string]any{"start": pos(lines/2, 0), "end": pos(lines/2, 1)}, "text": ""}
		}
		p.Notify("textDocument/didChange", map[string]any{
			"textDocument": map[string]any{"uri": uri, "version": i + 2}, "contentChanges": []any{change}})
		t0 := time.Now()
		if err := p.Call(ctx, method, params(uri, lines), nil); err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(t0))
	}
	b.StopTimer()
	analysistest.ReportLatency(b, "", samples)
}

func BenchmarkE2ESemanticTokensLarge(b *testing.B) {
	largeRequest(b, "textDocument/semanticTokens/full", func(uri string, lines int) map[string]any {
		return map[string]any{"textDocument": map[string]any{"uri": uri}}
	})
}

func BenchmarkE2ECodeActionLarge(b *testing.B) {
	largeRequest(b, "textDocument/codeAction", func(uri string, lines int) map[string]any {
		at := pos(lines/2+3, 0)
		return map[string]any{"textDocument": map[string]any{"uri": uri}, "range": map[string]any{"start": at, "end": at},
			"context": map[string]any{"diagnostics": []any{}}}
	})
}

// didOpen of a 10 MB file → its diagnostics; reports how many were published.
func BenchmarkE2EOpen10MB(b *testing.B) {
	text := corpus.Big(b, 10<<20)
	p := start(b, "--diagnostics-delay", "0")
	ctx := ctxFor(b)
	p.initialize(b, largeCaps)
	samples := make([]time.Duration, 0, b.N)
	count := 0
	b.ResetTimer()
	for i := range b.N {
		uri := fmt.Sprintf("file:///bench/huge/%d/Dockerfile", i)
		t0 := time.Now()
		p.open(b, uri, text+fmt.Sprintf("# %d\n", i))
		d, err := p.NextDiagnostics(ctx, uri, nil)
		if err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(t0))
		count = len(d.Diagnostics)
		p.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
		p.NextDiagnostics(ctx, uri, nil)
	}
	b.StopTimer()
	b.ReportMetric(float64(count), "diagnostics")
	if status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid)); err == nil {
		for _, l := range strings.Split(string(status), "\n") {
			if strings.HasPrefix(l, "VmHWM:") {
				var kb float64
				fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(l, "VmHWM:"), "kB")), &kb)
				b.ReportMetric(kb/1024, "peak-MiB")
			}
		}
	}
	analysistest.ReportLatency(b, "", samples)
}
