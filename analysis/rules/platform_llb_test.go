package rules_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/solver/pb"
	dockerspec "github.com/moby/docker-image-spec/specs-go/v1"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// TestPlatformFixesInLLB converts the output of every multi-platform fix
// (its .fixed golden), code action (EmulatedBuildStage's, applied to the
// fixture) and split of a multi-platform Go or Rust file (its golden)
// with dockerfile2llb, for linux/amd64 and for
// linux/arm64 built on linux/amd64, and reads from the LLB definition the
// platform each base image is pulled for: build stages on the build
// platform, the runtime on the target. The input files must fail the same
// expectations, so the test shows what the fix changes.
func TestPlatformFixesInLLB(t *testing.T) {
	tests := []struct {
		golden string
		// bases maps an image reference to the architecture its source op
		// must have for a linux/arm64 target built on linux/amd64.
		bases map[string]string
		// crossGo: a go build must run with TARGETARCH=arm64 in its
		// environment and GOARCH=$TARGETARCH on its command.
		crossGo bool
		// action is the rule whose code action makes the fixed text, when
		// `dockerfile-lsp fix` does not apply it (not preferred).
		action string
	}{
		{"runtime_on_build_platform", map[string]string{"mcr.microsoft.com/dotnet/sdk:8.0": "amd64", "mcr.microsoft.com/dotnet/aspnet:8.0": "arm64"}, false, ""},
		{"runtime_on_build_platform_parent", map[string]string{"docker.io/library/golang:1.22": "amd64", "docker.io/library/alpine:3.20": "arm64"}, false, ""},
		{"runtime_on_build_platform_literal", map[string]string{"docker.io/library/golang:1.22": "amd64", "docker.io/library/alpine:3.20": "arm64"}, false, ""},
		{"cross_compile_ignores_target", map[string]string{"docker.io/library/golang:1.22-alpine": "amd64"}, true, ""},
		{"cross_compile_ignores_target_heredoc", map[string]string{"docker.io/library/golang:1.22-alpine": "amd64"}, true, ""},
		{"emulated_build_stage", map[string]string{"docker.io/library/golang:1.22-alpine": "amd64", "docker.io/library/alpine:3.20": "arm64"}, true, "EmulatedBuildStage"},
		{"../split/go_8", map[string]string{"docker.io/library/golang:1.22-alpine": "amd64", "gcr.io/distroless/static-debian12:latest": "arm64"}, true, ""},
		{"../split/rust_4", map[string]string{"docker.io/library/rust:1.79-bookworm": "amd64", "gcr.io/distroless/cc-debian12:nonroot": "arm64"}, false, ""},
		{"../split/rust_5", map[string]string{"docker.io/library/rust:1.80-alpine3.20": "amd64", "docker.io/library/alpine:3.20": "arm64"}, false, ""},
		{"emulated_build_stage_bytecode", map[string]string{
			"docker.io/library/maven:3.9-eclipse-temurin-21": "amd64", "docker.io/library/node:20-alpine": "amd64",
			"docker.io/library/alpine:3.20": "amd64", "docker.io/library/eclipse-temurin:21-jre": "arm64"}, false, "EmulatedBuildStage"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			path := "../../testdata/rules/" + tt.golden + ".Dockerfile"
			golden := path + ".fixed"
			if strings.HasPrefix(tt.golden, "../split/") {
				golden = "../../testdata/rules/" + tt.golden + ".golden" // the split's output
			}
			for _, file := range []string{golden, path} {
				data, err := os.ReadFile(file)
				if tt.action != "" && file == golden {
					data, err = os.ReadFile(path)
					golden = path + " with " + tt.action + "'s code action"
					file = golden
					data = []byte(applyAction(t, string(data), tt.action))
				}
				if err != nil {
					t.Fatal(err)
				}
				text := string(data)
				if _, err := convertLLB(text, "amd64"); err != nil {
					t.Fatalf("%s for linux/amd64: %v", file, err)
				}
				l, err := convertLLB(text, "arm64")
				if err != nil {
					t.Fatalf("%s for linux/arm64 on linux/amd64: %v", file, err)
				}
				problems := l.check(tt.bases, tt.crossGo)
				fixed := file == golden
				if fixed && len(problems) > 0 {
					t.Errorf("%s: %s", file, strings.Join(problems, "; "))
				}
				if !fixed && len(problems) == 0 {
					t.Errorf("%s: the input already has the intended platforms; the test does not show the fix", file)
				}
			}
		})
	}
}

// llbOps is what the test reads from an LLB definition: the platform of
// each image source, and the environment and command of each exec.
type llbOps struct {
	sources map[string]string // image reference → architecture
	execs   []llbExec
}

type llbExec struct {
	args, env []string
}

func (l llbOps) check(bases map[string]string, crossGo bool) []string {
	var problems []string
	for ref, arch := range bases {
		got, ok := l.sources[ref]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("no source op for %s (have %v)", ref, l.sources))
		case got != arch:
			problems = append(problems, fmt.Sprintf("%s is pulled for %s, want %s", ref, got, arch))
		}
	}
	// tonistiigi/xx's helpers read the target from TARGETPLATFORM.
	for _, e := range l.execs {
		if cmd := strings.Join(e.args, " "); strings.Contains(cmd, "xx-") && !contains(e.env, "TARGETPLATFORM=linux/arm64") {
			problems = append(problems, fmt.Sprintf("xx does not see the arm64 target: %q with env %v", cmd, e.env))
		}
	}
	if crossGo {
		found := false
		for _, e := range l.execs {
			cmd := strings.Join(e.args, " ")
			if !strings.Contains(cmd, "go build") {
				continue
			}
			found = true
			if !strings.Contains(cmd, "GOARCH=$TARGETARCH") || !contains(e.env, "TARGETARCH=arm64") {
				problems = append(problems, fmt.Sprintf("go build does not cross-compile for arm64: %q with env %v", cmd, e.env))
			}
		}
		if !found {
			problems = append(problems, "no go build in the LLB")
		}
	}
	return problems
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// convertLLB converts text for linux/<arch> on a linux/amd64 build machine,
// with images resolved offline.
func convertLLB(text, arch string) (llbOps, error) {
	caps := pb.Caps.CapSet(pb.Caps.All())
	target := ocispecs.Platform{OS: "linux", Architecture: arch}
	res, err := dockerfile2llb.Dockerfile2LLB(context.Background(), []byte(text), dockerfile2llb.ConvertOpt{
		Config:         dockerui.Config{BuildPlatforms: []ocispecs.Platform{{OS: "linux", Architecture: "amd64"}}},
		SourceMap:      &llb.SourceMap{Filename: "Dockerfile", Language: "Dockerfile", Data: []byte(text), Definition: &llb.Definition{}},
		TargetPlatform: &target,
		MetaResolver:   platformResolver{},
		LLBCaps:        &caps,
	})
	if err != nil {
		return llbOps{}, fmt.Errorf("dockerfile2llb: %w", err)
	}
	def, err := res.State.Marshal(context.Background())
	if err != nil {
		return llbOps{}, fmt.Errorf("marshal: %w", err)
	}
	out := llbOps{sources: map[string]string{}}
	for _, dt := range def.Def {
		var op pb.Op
		if err := op.UnmarshalVT(dt); err != nil {
			return llbOps{}, err
		}
		if src := op.GetSource(); src != nil {
			if ref, ok := strings.CutPrefix(src.Identifier, "docker-image://"); ok && op.Platform != nil {
				out.sources[ref] = op.Platform.Architecture
			}
		}
		if ex := op.GetExec(); ex != nil && ex.Meta != nil {
			out.execs = append(out.execs, llbExec{args: ex.Meta.Args, env: ex.Meta.Env})
		}
	}
	return out, nil
}

// platformResolver answers every image lookup offline with a minimal Linux
// config for the platform asked for.
type platformResolver struct{}

func (platformResolver) ResolveImageConfig(ctx context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	img := dockerspec.DockerOCIImage{}
	img.OS, img.Architecture = "linux", "amd64"
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil {
		img.Architecture = opt.ImageOpt.Platform.Architecture
	}
	img.RootFS.Type = "layers"
	img.RootFS.DiffIDs = []digest.Digest{"sha256:0000000000000000000000000000000000000000000000000000000000000000"}
	img.Config.Env = []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
	dt, err := json.Marshal(img)
	return ref, "", dt, err
}
