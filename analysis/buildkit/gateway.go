package buildkit

import (
	"context"
	"errors"
	"strings"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/frontend/gateway/client"
	gwpb "github.com/moby/buildkit/frontend/gateway/pb"
	"github.com/moby/buildkit/solver/pb"
	digest "github.com/opencontainers/go-digest"
	fstypes "github.com/tonistiigi/fsutil/types"
)

// In a build, two inputs of BuildKit's checks come through the frontend's
// client (dockerui.Client) rather than through ConvertOpt: the .dockerignore
// of the context, which only CopyIgnoredFile reads, and the
// BUILDKIT_DOCKERFILE_CHECK build argument, which replaces the `# check=`
// directive. That client asks a gateway (a BuildKit daemon) for them; the
// gateway below answers from memory instead, so the lint sees the
// context's ignore patterns and the build argument exactly as a build would,
// and still reaches nothing outside the process.

// CheckBuildArg is the build argument that, given, replaces the `# check=`
// directive for BuildKit's checks.
const CheckBuildArg = "BUILDKIT_DOCKERFILE_CHECK"

// errOffline answers every gateway request that the lint does not need.
var errOffline = errors.New("buildkit: not available offline")

// offlineClient is the frontend client of a build that passes opts (the
// frontend options: "build-arg:NAME" keys) and whose context holds a
// .dockerignore of the given patterns (none when nil).
func offlineClient(opts map[string]string, ignore []string) (*dockerui.Client, error) {
	return dockerui.NewClient(&offlineGateway{opts: opts, dockerignore: ignoreFileText(ignore)})
}

// ignoreFileText writes patterns, as ignorefile.ReadAll returned them, back
// as a .dockerignore that ReadAll reads into the same patterns.
func ignoreFileText(patterns []string) []byte {
	var b strings.Builder
	for _, p := range patterns {
		if strings.HasPrefix(p, "#") {
			b.WriteByte('/') // "/#x" is read as "#x"; "#x" would be a comment
		}
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// offlineGateway implements client.Client for dockerui.Client: build options
// from memory, a solve that yields the .dockerignore, and nothing else.
type offlineGateway struct {
	opts         map[string]string
	dockerignore []byte
}

func (g *offlineGateway) BuildOpts() client.BuildOpts {
	// No gateway capabilities: the client then reads no frontend inputs.
	return client.BuildOpts{Opts: g.opts, LLBCaps: pb.Caps.CapSet(pb.Caps.All()), Caps: gwpb.Caps.CapSet(nil)}
}

// Solve is only asked for the context's .dockerignore (the client's other
// solves are for remote contexts, which an offline build never has).
func (g *offlineGateway) Solve(ctx context.Context, _ client.SolveRequest) (*client.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := client.NewResult()
	res.SetRef(ignoreRef{g.dockerignore})
	return res, nil
}

func (g *offlineGateway) ResolveImageConfig(ctx context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return offlineResolver{}.ResolveImageConfig(ctx, ref, opt)
}

func (g *offlineGateway) ResolveSourceMetadata(context.Context, *pb.SourceOp, sourceresolver.Opt) (*sourceresolver.MetaResponse, error) {
	return nil, errOffline
}

func (g *offlineGateway) Inputs(context.Context) (map[string]llb.State, error) {
	return map[string]llb.State{}, nil
}

func (g *offlineGateway) NewContainer(context.Context, client.NewContainerRequest) (client.Container, error) {
	return nil, errOffline
}

func (g *offlineGateway) Warn(context.Context, digest.Digest, string, client.WarnOpts) error {
	return nil
}

// ignoreRef is a solved context that holds only its .dockerignore.
type ignoreRef struct{ data []byte }

func (r ignoreRef) ToState() (llb.State, error)    { return llb.Scratch(), nil }
func (r ignoreRef) Evaluate(context.Context) error { return nil }

func (r ignoreRef) ReadFile(_ context.Context, req client.ReadRequest) ([]byte, error) {
	if req.Filename != dockerui.DefaultDockerignoreName {
		return nil, errOffline
	}
	return r.data, nil
}

func (r ignoreRef) StatFile(_ context.Context, req client.StatRequest) (*fstypes.Stat, error) {
	if req.Path != dockerui.DefaultDockerignoreName {
		return nil, errOffline
	}
	return &fstypes.Stat{Path: req.Path, Size: int64(len(r.data)), Mode: 0o644}, nil
}

func (r ignoreRef) ReadDir(context.Context, client.ReadDirRequest) ([]*fstypes.Stat, error) {
	return nil, errOffline
}
