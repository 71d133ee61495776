package targets

import (
	"path/filepath"
	"strings"
	"testing"
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
			cmds := ScanCommands(c.text)
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
	for _, c := range ScanCommands(text) {
		got = append(got, c.Target+"@"+text[c.TargetRange.Start:c.TargetRange.End])
	}
	if strings.Join(got, " ") != "a@a b@b c@c" {
		t.Fatalf("got %v", got)
	}
}

func TestRefs(t *testing.T) {
	dir := tree(t, map[string]string{
		"Dockerfile":        multiStage,
		"sub/Dockerfile":    multiStage,
		"docker/Dockerfile": multiStage,
		"sub/Makefile":      "all:\n\tdocker build --target test .\n\tdocker build -f ../docker/Dockerfile --target build ..\n\tdocker build -f $(DF) --target vars .\n",
		"scripts/build.sh":  "#!/bin/sh\ndocker build --target test .\n",
		"compose.yaml":      "services:\n  a:\n    build:\n      target: build\n  r:\n    build:\n      context: https://github.com/x/y.git\n      target: remote\n",
		"docker-bake.hcl":   "target \"a\" {\n  context = \"docker\"\n  target = \"test\"\n}\n",
		".github/workflows/ci.yml": `on: push
jobs:
  build:
    steps:
      - uses: docker/build-push-action@v6
        with:
          file: docker/Dockerfile
          target: build
      - uses: docker/build-push-action@v6
        with:
          context: sub
          target: "test"
      - uses: docker/build-push-action@v6
        with:
          target: ${{ matrix.target }}
      - run: docker build --target test -f docker/Dockerfile .
`,
	})
	df := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	refsOf := func(name string) []Ref {
		p := df(name)
		text := readFile(t, p)
		return Refs(p, text, dir, &Resolver{})
	}
	type want struct {
		stage, dockerfile, via string
		line                   int
	}
	check := func(name string, refs []Ref, wants ...want) {
		t.Helper()
		if len(refs) != len(wants) {
			t.Fatalf("%s: %d refs, want %d: %+v", name, len(refs), len(wants), refs)
		}
		for i, w := range wants {
			r := refs[i]
			got := ""
			if len(r.Candidates) > 0 {
				got = r.Candidates[0]
			}
			wantDF := ""
			if w.dockerfile != "" {
				wantDF = df(w.dockerfile)
			}
			if r.Stage != w.stage || got != wantDF || r.Via != w.via || r.Line != w.line {
				t.Errorf("%s %d: %+v, want %+v", name, i, r, w)
			}
			text := readFile(t, r.File)
			if text[r.Range.Start:r.Range.End] != w.stage {
				t.Errorf("%s %d: range %v is %q", name, i, r.Range, text[r.Range.Start:r.Range.End])
			}
		}
	}
	check("Makefile", refsOf("sub/Makefile"),
		want{"test", "sub/Dockerfile", "docker build", 1},
		want{"build", "docker/Dockerfile", "docker build", 2},
		want{"vars", "", "docker build", 3})
	check("script", refsOf("scripts/build.sh"), want{"test", "scripts/Dockerfile", "docker build", 1})
	check("compose", refsOf("compose.yaml"), want{"build", "Dockerfile", `service "a"`, 3})
	check("bake", refsOf("docker-bake.hcl"), want{"test", "docker/Dockerfile", `Bake target "a"`, 2})
	check("workflow", refsOf(".github/workflows/ci.yml"),
		want{"build", "docker/Dockerfile", "docker/build-push-action", 7},
		want{"test", "sub/Dockerfile", "docker/build-push-action", 11},
		want{"test", "docker/Dockerfile", "docker build", 15})

	// A script run from the root: its folder has no Dockerfile, so the
	// root's is the one.
	r := refsOf("scripts/build.sh")[0]
	if !r.Targets(df("Dockerfile")) || r.Targets(df("sub/Dockerfile")) {
		t.Errorf("script ref targets %v", r.Candidates)
	}
	// A path with variables may be any Dockerfile.
	if r := refsOf("sub/Makefile")[2]; !r.Targets(df("Dockerfile")) || !r.Targets(df("sub/Dockerfile")) {
		t.Errorf("unresolved ref targets %v", r.Candidates)
	}
}

func TestExactRefs(t *testing.T) {
	dir := tree(t, map[string]string{
		"Dockerfile":   multiStage,
		"compose.yaml": "services:\n  a:\n    build:\n      context: gone\n      target: test\n",
	})
	p := filepath.Join(dir, "compose.yaml")
	refs := Refs(p, readFile(t, p), dir, &Resolver{})
	if len(refs) != 1 || !refs[0].Exact || refs[0].Targets(filepath.Join(dir, "Dockerfile")) || !refs[0].Targets(filepath.Join(dir, "gone", "Dockerfile")) {
		t.Fatalf("refs %+v", refs)
	}
}

func BenchmarkScanCommands(b *testing.B) {
	text := strings.Repeat("build:\n\t@$(DOCKER) build --target=lint -t app:lint \\\n\t\t--build-arg X=\"$(X)\" .\n# a comment\n      - run: cd app && docker buildx build --target test -f docker/Dockerfile . > log 2>&1\n", 200)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ScanCommands(text)
	}
}
