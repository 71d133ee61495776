package refactor_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/solver/pb"
	dockerspec "github.com/moby/docker-image-spec/specs-go/v1"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// buildkitStages parses text with BuildKit's parser and instruction parser
// and returns the stages, failing on any error.
func buildkitStages(text string) ([]instructions.Stage, error) {
	res, err := parser.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("parser.Parse: %w", err)
	}
	stages, _, err := instructions.Parse(res.AST, nil)
	if err != nil {
		return nil, fmt.Errorf("instructions.Parse: %w", err)
	}
	return stages, nil
}

// llbExecCount converts text with dockerfile2llb (images resolved offline)
// and counts the RUN steps the final target's LLB contains: every RUN of a
// stage the target depends on is there, the others are pruned.
func llbExecCount(text string) (int, error) {
	caps := pb.Caps.CapSet(pb.Caps.All())
	platform := ocispecs.Platform{OS: "linux", Architecture: "amd64"}
	res, err := dockerfile2llb.Dockerfile2LLB(context.Background(), []byte(text), dockerfile2llb.ConvertOpt{
		SourceMap:      &llb.SourceMap{Filename: "Dockerfile", Language: "Dockerfile", Data: []byte(text), Definition: &llb.Definition{}},
		TargetPlatform: &platform,
		MetaResolver:   offlineResolver{},
		LLBCaps:        &caps,
	})
	if err != nil {
		return 0, fmt.Errorf("dockerfile2llb: %w", err)
	}
	def, err := res.State.Marshal(context.Background())
	if err != nil {
		return 0, fmt.Errorf("marshal: %w", err)
	}
	n := 0
	for _, dt := range def.Def {
		var op pb.Op
		if err := op.UnmarshalVT(dt); err != nil {
			return 0, err
		}
		if op.GetExec() != nil {
			n++
		}
	}
	return n, nil
}

// offlineResolver answers every image lookup with a minimal Linux config.
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(ctx context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	img := dockerspec.DockerOCIImage{}
	img.OS, img.Architecture = "linux", "amd64"
	img.RootFS.Type = "layers"
	img.RootFS.DiffIDs = []digest.Digest{"sha256:0000000000000000000000000000000000000000000000000000000000000000"}
	img.Config.Env = []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}
	dt, err := json.Marshal(img)
	return ref, "", dt, err
}

// checkBuildKit asserts that BuildKit accepts the split text, that it has
// two stages or more, and that the final target depends on the build stage
// (its LLB runs every RUN of the build stage).
func checkBuildKit(t *testing.T, text string) {
	t.Helper()
	stages, err := buildkitStages(text)
	if err != nil {
		t.Fatalf("BuildKit rejects the split:\n%v\n%s", err, text)
	}
	if len(stages) < 2 {
		t.Fatalf("BuildKit sees %d stage(s), want 2 or more", len(stages))
	}
	runs := 0
	for _, st := range stages[:len(stages)-1] {
		for _, c := range st.Commands {
			if _, ok := c.(*instructions.RunCommand); ok {
				runs++
			}
		}
	}
	got, err := llbExecCount(text)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if got < runs {
		t.Errorf("the final target's LLB runs %d commands, fewer than the %d RUNs of the build stage: it does not depend on it", got, runs)
	}
}
