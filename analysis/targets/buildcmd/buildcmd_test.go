package buildcmd_test

import (
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/targets/buildcmd"
)

func TestScanCommands(t *testing.T) {
	for _, c := range []struct {
		name, text string
		target     string // "" when no command is found; "-" for a command without --target
		file, ctx  string
		literal    bool
	}{
		{"plain", "docker build --target test .", "test", "", ".", true},
		{"equals", "docker build --target=test -t x:y .", "test", "", ".", true},
		{"quoted", `docker build --target "test" .`, "test", "", ".", true},
		{"quoted equals", `docker build --target='test' .`, "test", "", ".", true},
		{"buildx", "docker buildx build --platform linux/amd64,linux/arm64 --target test --push .", "test", "", ".", true},
		{"buildx builder", "docker buildx --builder ci build --target=test .", "test", "", ".", true},
		{"buildx b", "docker buildx b --target test .", "test", "", ".", true},
		{"image build", "docker image build --target test ctx", "test", "", "ctx", true},
		{"file", "docker build -f docker/Dockerfile.ci --target test ..", "test", "docker/Dockerfile.ci", "..", true},
		{"file equals", "docker build --file=docker/Dockerfile.ci --target test .", "test", "docker/Dockerfile.ci", ".", true},
		{"file glued", "docker build -fDockerfile.ci --target test .", "test", "Dockerfile.ci", ".", true},
		{"continuations", "docker build \\\n  -f Dockerfile \\\n  --target test \\\n  .", "test", "Dockerfile", ".", true},
		{"crlf continuations", "docker build \\\r\n  --target test \\\r\n  .", "test", "", ".", true},
		{"make", "\t@docker build --target=lint -t app:lint .", "lint", "", ".", true},
		{"make variable", "\t$(DOCKER) build --target $(STAGE) .", "$(STAGE)", "", ".", false},
		{"shell variable", "docker build --target \"$TARGET\" .", "$TARGET", "", ".", false},
		{"actions expression", "docker build --target ${{ matrix.target }} .", "${{ matrix.target }}", "", ".", false},
		{"sudo", "sudo docker build --target test .", "test", "", ".", true},
		{"podman", "podman build --target test .", "test", "", ".", true},
		{"and", "cd app && docker build --target test . && docker push x", "test", "", ".", true},
		{"yaml run", "      - run: docker build --target test .", "test", "", ".", true},
		{"no target", "docker build -t x .", "-", "", ".", false},
		{"comment", "# docker build --target test .", "", "", "", true},
		{"compose", "docker compose build --target test", "", "", "", true},
		{"run", "docker run --target test image", "", "", "", true},
		{"echo", "echo build --target test", "", "", "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmds := buildcmd.Scan(c.text)
			if c.target == "" {
				if len(cmds) != 0 {
					t.Fatalf("found %+v", cmds)
				}
				return
			}
			if len(cmds) != 1 {
				t.Fatalf("found %d commands: %+v", len(cmds), cmds)
			}
			cmd := cmds[0]
			target := cmd.Target
			if target == "" {
				target = "-"
			}
			if target != c.target || cmd.File != c.file || cmd.Context != c.ctx || cmd.TargetLiteral != c.literal {
				t.Errorf("got target %q file %q context %q literal %v", cmd.Target, cmd.File, cmd.Context, cmd.TargetLiteral)
			}
			if cmd.Target != "" && c.literal && c.text[cmd.TargetRange.Start:cmd.TargetRange.End] != c.target {
				t.Errorf("target range %v is %q", cmd.TargetRange, c.text[cmd.TargetRange.Start:cmd.TargetRange.End])
			}
		})
	}
}

func TestScanSeveralCommands(t *testing.T) {
	text := "build:\n\tdocker build --target a .\n\tdocker build --target b -f x/Dockerfile x; docker buildx build --target=c .\n"
	var got []string
	for _, c := range buildcmd.Scan(text) {
		got = append(got, c.Target+"@"+text[c.TargetRange.Start:c.TargetRange.End])
	}
	if strings.Join(got, " ") != "a@a b@b c@c" {
		t.Fatalf("got %v", got)
	}
}

func BenchmarkScanCommands(b *testing.B) {
	text := strings.Repeat("build:\n\t@$(DOCKER) build --target=lint -t app:lint \\\n\t\t--build-arg X=\"$(X)\" .\n# a comment\n      - run: cd app && docker buildx build --target test -f docker/Dockerfile . > log 2>&1\n", 200)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		buildcmd.Scan(text)
	}
}
