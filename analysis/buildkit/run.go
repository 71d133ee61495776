package buildkit

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/cache"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/frontend/subrequests/lint"
	"github.com/moby/buildkit/solver/pb"
	dockerspec "github.com/moby/docker-image-spec/specs-go/v1"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// finding is one BuildKit warning or its hard error, with 1-based line numbers
// as BuildKit counts them (lines end at "\n" only). Line 0 means "no location".
type finding struct {
	Rule      string // empty for the hard error
	Detail    string
	URL       string
	StartLine int
	EndLine   int
}

// outcome is what one DockerfileLint run said.
type outcome struct {
	Warnings []finding
	Error    *finding // BuildKit stops at its first hard error
}

// ErrTimeout is returned when BuildKit did not answer within the time limit.
var ErrTimeout = errors.New("buildkit: lint timed out")

// DefaultTimeout bounds one run when Options.Timeout is zero. A 2,000-line
// file takes about 50 ms; the limit only exists so that nothing, ever, waits
// on BuildKit for long.
const DefaultTimeout = 2 * time.Second

// slots bounds how many BuildKit runs may be in flight. A run that outlives
// its caller's deadline keeps its slot until it finishes, so a pathological
// input cannot pile up goroutines.
var slots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))

// input is what one BuildKit run is given.
type input struct {
	text      string
	platform  ocispecs.Platform
	buildArgs map[string]string
	// ignore are the context's .dockerignore patterns; nil when unknown.
	ignore []string
}

// run lints in with BuildKit under ctx and timeout, from the cache when the
// same input was linted recently.
func run(ctx context.Context, in input, timeout time.Duration) (outcome, error) {
	key := cacheKey(in)
	if o, ok := cache.Get[outcome](key); ok && cacheEnabled {
		return o, nil
	}
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if ctx.Err() != nil {
		return outcome{}, timeoutErr(ctx) // do not start work nobody waits for
	}

	select {
	case slots <- struct{}{}:
	case <-ctx.Done():
		return outcome{}, timeoutErr(ctx)
	}
	type result struct {
		o   outcome
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() { <-slots }()
		o, err := safeLint(in)
		if err == nil {
			cache.Put(key, o.size(), o) // even when the caller has given up: the next one gets it
		}
		done <- result{o, err}
	}()
	select {
	case r := <-done:
		return r.o, r.err
	case <-ctx.Done():
		return outcome{}, timeoutErr(ctx)
	}
}

func timeoutErr(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return ErrTimeout
	}
	return ctx.Err()
}

type lintFunc = func(context.Context, []byte, dockerfile2llb.ConvertOpt) (*lint.LintResults, error)

// lintHook replaces BuildKit's entry point in tests; nil means BuildKit.
var lintHook atomic.Pointer[lintFunc]

func dockerfileLint(ctx context.Context, dt []byte, opt dockerfile2llb.ConvertOpt) (*lint.LintResults, error) {
	if h := lintHook.Load(); h != nil {
		return (*h)(ctx, dt, opt)
	}
	return dockerfile2llb.DockerfileLint(ctx, dt, opt)
}

// safeLint calls BuildKit and turns a panic into an error: BuildKit is not
// written for half-typed input, and its opinion is never worth a crash.
func safeLint(in input) (o outcome, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("buildkit: panic: %v", r)
		}
	}()
	// BuildKit's own context: the resolver answers from memory, so nothing
	// here can block; the caller's deadline is enforced around this call.
	dt := []byte(in.text)
	if err := checkOffline(dt); err != nil {
		return outcome{}, err
	}
	caps := pb.Caps.CapSet(pb.Caps.All()) // without it RUN --mount panics
	platform := in.platform
	opt := dockerfile2llb.ConvertOpt{
		Config: dockerui.Config{BuildArgs: cloneArgs(in.buildArgs)}, // BuildKit writes to it (SOURCE_DATE_EPOCH)
		SourceMap: &llb.SourceMap{
			Filename: "Dockerfile", Language: "Dockerfile", Data: dt,
			Definition: &llb.Definition{}, // nil panics in AddSource
		},
		TargetPlatform: &platform,
		MetaResolver:   offlineResolver{},
		LLBCaps:        &caps,
	}
	// Only a build's frontend client carries the .dockerignore and the
	// check build argument (gateway.go); without either, none is needed.
	checkArg, hasCheckArg := in.buildArgs[CheckBuildArg]
	if len(in.ignore) > 0 || hasCheckArg {
		frontendOpts := map[string]string{}
		if hasCheckArg {
			frontendOpts["build-arg:"+CheckBuildArg] = checkArg
		}
		if opt.Client, err = offlineClient(frontendOpts, in.ignore); err != nil {
			return outcome{}, err
		}
	}
	res, err := dockerfileLint(context.Background(), dt, opt)
	if err != nil {
		return outcome{}, err
	}
	for _, w := range res.Warnings {
		fd := finding{Rule: w.RuleName, Detail: w.Detail, URL: w.URL}
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			fd.StartLine, fd.EndLine = lineSpan(w.Location.Ranges)
		}
		o.Warnings = append(o.Warnings, fd)
	}
	if res.Error != nil {
		fd := finding{Detail: res.Error.Message}
		if len(res.Error.Location.Ranges) > 0 {
			fd.StartLine, fd.EndLine = lineSpan(res.Error.Location.Ranges)
		}
		o.Error = &fd
	}
	return o, nil
}

func cloneArgs(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func lineSpan(rs []*pb.Range) (start, end int) {
	for i, r := range rs {
		s, e := int(r.GetStart().GetLine()), int(r.GetEnd().GetLine())
		if i == 0 || s < start {
			start = s
		}
		end = max(end, e, s)
	}
	return start, end
}

// offlineResolver answers BuildKit's image-config lookups from memory: the
// image's platform is the one asked for (so InvalidBaseImagePlatform cannot
// fire falsely), it has one layer (so it is not mistaken for scratch), and its
// environment comes from the table of well-known images (images.Env).
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(ctx context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	if err := ctx.Err(); err != nil {
		return "", "", nil, err
	}
	p := ocispecs.Platform{OS: "linux", Architecture: "amd64"}
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil {
		p = *opt.ImageOpt.Platform
	}
	var img dockerspec.DockerOCIImage
	img.OS, img.Architecture, img.Variant = p.OS, p.Architecture, p.Variant
	img.RootFS.Type = "layers"
	img.RootFS.DiffIDs = []digest.Digest{placeholderLayer}
	var env []string
	if useBaseEnv {
		env, _ = images.Env(ref)
	}
	img.Config.Env = envFor(env, p.OS)
	dt, err := json.Marshal(img)
	if err != nil {
		return "", "", nil, err
	}
	return ref, "", dt, nil
}

const placeholderLayer = digest.Digest("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

// envFor completes an image's environment for an OS: every image has a PATH.
func envFor(env []string, os string) []string {
	out := make([]string, 0, len(env)+1)
	hasPath := false
	for _, kv := range env {
		if strings.HasPrefix(kv, "PATH=") {
			if os == "windows" {
				kv = images.WindowsPathEnv
			}
			hasPath = true
		}
		out = append(out, kv)
	}
	if !hasPath {
		if os == "windows" {
			out = append(out, images.WindowsPathEnv)
		} else {
			out = append(out, images.LinuxPathEnv)
		}
	}
	return out
}

// cacheEnabled and useBaseEnv exist for the corpus measurements and the
// benchmark (which must not be served from the cache).
var (
	cacheEnabled = true
	useBaseEnv   = true
)

// lintKey keys outcomes in the engine's cache by input, so re-publishing
// diagnostics for an unchanged text (a configuration change, a reopened
// file) costs nothing.
type lintKey [32]byte

// size estimates an outcome's memory.
func (o outcome) size() int {
	n := 64
	for _, f := range o.Warnings {
		n += 96 + len(f.Rule) + len(f.Detail) + len(f.URL)
	}
	return n
}

func cacheKey(in input) lintKey {
	h := sha256.New()
	fmt.Fprintf(h, "%s/%s/%s %v\x00", in.platform.OS, in.platform.Architecture, in.platform.Variant, useBaseEnv)
	keys := make([]string, 0, len(in.buildArgs))
	for k := range in.buildArgs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(h, "%q=%q\x00", k, in.buildArgs[k])
	}
	fmt.Fprintf(h, "%q\x00", in.ignore)
	h.Write([]byte(in.text))
	var key lintKey
	h.Sum(key[:0])
	return key
}
