package buildkit

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/subrequests/lint"
)

const p = inertPrefix

// TestNeutralizeRemoteSources: exactly the ADD sources BuildKit could dial
// for get the prefix; the lines stay where they are.
func TestNeutralizeRemoteSources(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"scp-style", "ADD git@host:repo.git /x", "ADD " + p + "git@host:repo.git /x"},
		{"ssh URL with port and ref", "ADD ssh://git@host:2222/r.git#main /x", "ADD " + p + "ssh://git@host:2222/r.git#main /x"},
		{"lower case, flags, two sources", "add --chown=1:1 --keep-git-dir=true a.txt git@h:r.git /x", "add --chown=1:1 --keep-git-dir=true a.txt " + p + "git@h:r.git /x"},
		{"quoted", `ADD "git@host:repo.git" /x`, `ADD ` + p + `"git@host:repo.git" /x`},
		{"escaped", `ADD git\@host:repo.git /x`, `ADD ` + p + `git\@host:repo.git /x`},
		{"backtick escape", "# escape=`\nADD git`@host:r.git C:\\x", "# escape=`\nADD " + p + "git`@host:r.git C:\\x"},
		{"quoted variable piece", `ADD "a b$B" /x`, `ADD "a ` + p + `b$B" /x`},
		{"variable", "ADD $REPO /x", "ADD " + p + "$REPO /x"},
		{"braced variable", "ADD --checksum=$SUM ${BASE}/r.git /x", "ADD --checksum=$SUM " + p + "${BASE}/r.git /x"},
		{"json", `ADD ["git@h:r.git", "local", "/x"]`, `ADD ["` + p + `git@h:r.git", "local", "/x"]`},
		{"onbuild", "ONBUILD ADD ssh://h/r.git /x", "ONBUILD ADD " + p + "ssh://h/r.git /x"},
		{"continued word", "ADD git@h\\\n:r.git /x", "ADD " + p + "git@h\\\n:r.git /x"},
		{"continued instruction", "ADD --keep-git-dir \\\n  git@h:r.git \\\n  /x", "ADD --keep-git-dir \\\n  " + p + "git@h:r.git \\\n  /x"},
		// Nothing to do: BuildKit does not dial for these.
		{"https git", "ADD https://github.com/x/y.git#v1 /x", ""},
		{"http with checksum", "ADD --checksum=sha256:abc http://example.com/a.tgz /x", ""},
		{"git protocol", "ADD git://example.com/r.git /x", ""},
		{"github.com short form", "ADD github.com/x/y /x", ""},
		{"local with colon", "ADD a:b.txt /x", ""},
		{"destination", "ADD a.txt git@h:r.git", ""},
		{"quoted destination", `ADD a "b $Y /c"`, `ADD a "b ` + p + `$Y /c"`},
		{"piece with an unterminated quote", `ADD "a git@h:r.git" /x`, ""}, // BuildKit stops at it
		{"heredoc", "ADD <<EOF /x\ngit@h:r.git\nEOF", ""},
		{"copy", "COPY git@h:r.git /x", ""},
		{"run", "RUN git clone git@h:r.git", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "FROM alpine\n" + tt.in + "\n"
			want := in
			if tt.want != "" {
				want = "FROM alpine\n" + tt.want + "\n"
			}
			if strings.HasPrefix(tt.in, "# escape") {
				in, want = strings.Replace(in, "FROM alpine\n", "", 1), strings.Replace(want, "FROM alpine\n", "", 1)
			}
			got := neutralizeRemoteSources(syntax.Parse(in))
			if got != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
			if err := checkOffline([]byte(got)); err != nil {
				t.Errorf("BuildKit's parser still reads a remote source: %v", err)
			}
		})
	}
}

// TestCheckOffline: BuildKit's own reading of the file is the last word; a
// source the project's scanner missed stops the run.
func TestCheckOffline(t *testing.T) {
	for text, line := range map[string]int{
		"FROM alpine\nADD git@h:r.git /x\n":                           2,
		"FROM alpine\nRUN true\nADD [\"ssh://h/r.git\", \"/x\"]\n":    3,
		"FROM alpine AS a\nONBUILD ADD $R /x\nFROM a\n":               2,
		"FROM alpine\nADD \"a $B\" /x\n":                              2,
		"FROM alpine\nADD https://h/r.git git://h/r.git a:b.txt /x\n": 0,
		"FROM alpine\nCOPY git@h:r.git /x\n":                          0,
	} {
		err := checkOffline([]byte(text))
		var exposed errExposedSource
		if line == 0 && err != nil || line != 0 && (!errors.As(err, &exposed) || exposed.line != line) {
			t.Errorf("%q: %v, want line %d", text, err, line)
		}
	}
}

func TestMayHoldADD(t *testing.T) {
	for text, want := range map[string]bool{
		"FROM a\nADD x y\n":              true,
		"FROM a\n  add x y":              true,
		"FROM a\nOnBuild ADD x y\n":      true,
		"\ufeffADD x y\n":                true,
		"FROM a\n\u00a0\vADD x y\n":      true,
		"FROM a\nAD\\\nD x y\n":          true,
		"FROM a\n\\\nADD x y\n":          true,
		"FROM a\nONB`\nUILD ADD x y\n":   true,
		"FROM a\nONBU\u0130LD ADD x y\n": true, // BuildKit lower-cases İ to i
		"FROM a\nRUN apk add x\n":        false,
		"FROM a\rADD x y\n":              false, // one line for BuildKit
		"FROM a\nCOPY x y\n":             false,
		"FROM a\nA\\B x\n":               false,
	} {
		if got := mayHoldADD([]byte(text)); got != want {
			t.Errorf("mayHoldADD(%q) = %v", text, got)
		}
	}
}

// probe fails the test on any network attempt the lint makes: a TCP
// listener the attack files point at (held open, as an SSH server that never
// answers would be) and a DNS resolver for the host names.
type probe struct {
	t     *testing.T
	mu    sync.Mutex
	hits  []string
	conns []net.Conn
}

func newProbe(t *testing.T, addr string) (*probe, net.Listener) {
	pr := &probe{t: t}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			pr.mu.Lock()
			pr.hits = append(pr.hits, "TCP connection to "+ln.Addr().String())
			pr.conns = append(pr.conns, c)
			pr.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		pr.mu.Lock()
		defer pr.mu.Unlock()
		for _, c := range pr.conns {
			c.Close() // lets a dialing BuildKit goroutine end
		}
	})
	return pr, ln
}

func (pr *probe) attempts() []string {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return append([]string(nil), pr.hits...)
}

// netnsEnv tells TestNoNetwork it runs inside a network namespace of its
// own (TestNoNetworkInNamespace), where it may listen on the SSH port.
const netnsEnv = "DOCKERFILE_LSP_TEST_NETNS"

// TestNoNetwork lints files whose ADD sources name a listener of the test
// and host names only a resolver of the test would answer: the lint must not
// connect or look anything up, must still report BuildKit's other findings,
// and must leave BuildKit's slots free for the next file.
func TestNoNetwork(t *testing.T) {
	pr, ln := newProbe(t, "127.0.0.1:0")
	port := ln.Addr().(*net.TCPAddr).Port
	prev := net.DefaultResolver
	net.DefaultResolver = &net.Resolver{PreferGo: true, Dial: func(_ context.Context, network, address string) (net.Conn, error) {
		pr.mu.Lock()
		pr.hits = append(pr.hits, "DNS query to "+address)
		pr.mu.Unlock()
		return nil, errors.New("no network in this test")
	}}
	defer func() { net.DefaultResolver = prev }()

	attacks := []string{
		fmt.Sprintf("ADD ssh://git@127.0.0.1:%d/repo.git /x", port),
		fmt.Sprintf("ADD --keep-git-dir ssh://git@127.0.0.1:%d/repo.git#main /x", port),
		fmt.Sprintf("ADD https://127.0.0.1:%d/r.git#main /x", port),
		fmt.Sprintf("ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d http://127.0.0.1:%d/x.tar.gz /x", port),
		fmt.Sprintf("ADD git://127.0.0.1:%d/r.git /x", port),
		fmt.Sprintf("ADD [\"ssh://git@127.0.0.1:%d/j.git\", \"/x\"]", port),
		fmt.Sprintf("ARG REPO=ssh://git@127.0.0.1:%d/v.git\nADD $REPO /x", port),
		fmt.Sprintf("ADD \"ssh://git@127.0.0.1:%d/q.git\" /x", port),
		"ADD git@lint-probe.invalid:repo.git /x",
		"ADD ssh://git@lint-probe.invalid/repo.git /x",
	}
	if os.Getenv(netnsEnv) != "" {
		// Only here may the test take the SSH port, which scp-style
		// sources always use.
		newProbe(t, "127.0.0.1:22")
		attacks = append(attacks, "ADD git@127.0.0.1:repo.git /x", "ADD git@localhost:repo.git /x")
	}
	for i, a := range attacks {
		// Each file twice over: as it is, and as a trigger of another stage.
		text := fmt.Sprintf("FROM alpine:3.20 AS s%d\n%s\nFROM alpine:3.20 AS o%d\nONBUILD %s\nFROM o%d\nRUN true\n", i, a, i, strings.ReplaceAll(a, "\n", "\nONBUILD "), i)
		f := syntax.Parse(text)
		for _, opts := range []Options{{}, withFrontendClient} {
			ds, err := Lint(context.Background(), f, opts)
			if err != nil {
				t.Errorf("%q: %v", a, err)
			}
			for _, d := range ds {
				if d.Rule == RuleBuildKitIncomplete || d.Rule == RuleBuildKitError {
					t.Errorf("%q: %s %s", a, d.Rule, d.Message)
				}
			}
		}
	}
	// Lines the project's scanner and BuildKit's parser may read apart: a
	// note that BuildKit was not run is fine, a connection is not.
	odd := []string{
		"FROM alpine\n\u00a0ADD ssh://git@127.0.0.1:%d/nbsp.git /x\n",
		"FROM alpine\nAD\\\nD ssh://git@127.0.0.1:%d/split.git /x\n",
		"FROM alpine\nRUN echo hello \\\\\nADD ssh://git@127.0.0.1:%d/escape.git /x\n",
		"\ufeffFROM alpine\r\nADD ssh://git@127.0.0.1:%d/bom.git /x\r\n",
		"FROM alpine\nADD a \\ \n ssh://git@127.0.0.1:%d/blank.git /x\n",
		"FROM alpine\nRUN <<EOF\nEOF\nADD ssh://git@127.0.0.1:%d/heredoc.git /x\n",
	}
	for _, o := range odd {
		text := fmt.Sprintf(o, port)
		ds, _ := Lint(context.Background(), syntax.Parse(text), Options{})
		for _, d := range ds {
			if d.Rule == RuleBuildKitIncomplete && !strings.Contains(d.Message, "network") {
				t.Errorf("%q: %s", text, d.Message)
			}
		}
	}

	// With SOURCE_DATE_EPOCH naming a stage, BuildKit converts that stage's
	// ADD on its own path.
	sde := fmt.Sprintf("FROM scratch AS src\nADD ssh://git@127.0.0.1:%d/sde.git /x\nFROM alpine:3.20\nRUN true\n", port)
	if _, err := Lint(context.Background(), syntax.Parse(sde), Options{BuildArgs: map[string]string{"SOURCE_DATE_EPOCH": "src"}}); err != nil {
		t.Errorf("SOURCE_DATE_EPOCH: %v", err)
	}
	// The same through the frontend client, which resolves the value as a
	// named context first, and "context" as the build context.
	for _, v := range []string{"src", "context"} {
		if _, err := Lint(context.Background(), syntax.Parse(sde), Options{IgnorePatterns: []string{"x"}, BuildArgs: map[string]string{"SOURCE_DATE_EPOCH": v}}); err != nil {
			t.Errorf("SOURCE_DATE_EPOCH=%s with the frontend client: %v", v, err)
		}
	}

	// BuildKit's findings on those lines that do not depend on the source
	// are still there.
	kept := []struct{ text, rule, message string }{
		{fmt.Sprintf("FROM alpine\nadd ssh://git@127.0.0.1:%d/r.git /x\nRUN true\n", port), "ConsistentInstructionCasing", ""},
		{fmt.Sprintf("FROM alpine\nADD --chmod=999 ssh://git@127.0.0.1:%d/r.git /x\n", port), RuleBuildKitError, "invalid chmod"},
		{fmt.Sprintf("FROM alpine\nADD --keep-git-dir=false ssh://git@127.0.0.1:%d/r.git?keep-git-dir=true /x\n", port), RuleBuildKitError, "inconsistent keep-git-dir"},
		{"FROM alpine\nADD git@lint-probe.invalid:${NOWHERE}.git /x\n", "UndefinedVar", "NOWHERE"},
	}
	for _, k := range kept {
		f, ds := lintText(t, k.text)
		got, _ := find(f, ds, k.rule)
		if len(got) != 1 || !strings.Contains(got[0].Message, k.message) {
			t.Errorf("%q: want %s %q, got %v", k.text, k.rule, k.message, ds)
		}
	}

	// The slots are free: the next file is checked.
	f, ds := lintText(t, "FROM alpine:3.20\nFROMM x\n")
	if got, _ := find(f, ds, RuleBuildKitError); len(got) != 1 || !strings.Contains(got[0].Message, "unknown instruction: FROMM") {
		t.Errorf("after the attack files: %v", ds)
	}
	if hits := pr.attempts(); len(hits) > 0 {
		t.Errorf("the lint reached the network: %v", hits)
	}
}

// withFrontendClient makes the lint go through the offline frontend client
// (gateway.go), which only the .dockerignore patterns and the check build
// argument call for.
var withFrontendClient = Options{IgnorePatterns: []string{"*.md"}, BuildArgs: map[string]string{CheckBuildArg: "error=false"}}

// TestNoNetworkInNamespace runs TestNoNetwork again in a network namespace
// of its own (only a loopback), where it also owns the SSH port.
func TestNoNetworkInNamespace(t *testing.T) {
	if os.Getenv(netnsEnv) != "" {
		t.Skip("already in the namespace")
	}
	if testing.Short() {
		t.Skip("starts a process")
	}
	if exec.Command("unshare", "--net", "true").Run() != nil {
		t.Skip("unshare --net is not available here")
	}
	ip, err := exec.LookPath("ip")
	if err != nil {
		t.Skip("no ip command to bring the loopback up")
	}
	cmd := exec.Command("unshare", "--net", "--", "sh", "-c", ip+` link set lo up && exec "$0" "$@"`,
		os.Args[0], "-test.run=^TestNoNetwork$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), netnsEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestNoNetwork") {
		t.Fatalf("in a network namespace: %v\n%s", err, out)
	}
}

// TestIncompleteSaysSo: a run that gives no answer leaves a note, never a
// silent gap; a cancelled one (a newer version is coming) leaves nothing.
func TestIncompleteSaysSo(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	var hook lintFunc = func(ctx context.Context, dt []byte, opt dockerfile2llb.ConvertOpt) (*lint.LintResults, error) {
		switch {
		case strings.Contains(string(dt), "stuck"), opt.Config.BuildArgs["BASE"] == placeholderValue:
			<-release
		case strings.Contains(string(dt), "breaks"):
			panic("boom")
		}
		return dockerfile2llb.DockerfileLint(ctx, dt, opt)
	}
	lintHook.Store(&hook)
	defer lintHook.Store(nil)

	tests := []struct {
		name, text string
		timeout    time.Duration
		want       string
	}{
		{"timeout", "\nFROM alpine\nRUN stuck\n", 30 * time.Millisecond, "BuildKit's checks gave no answer within 30ms"},
		{"panic", "\nFROM alpine\nRUN breaks\n", 0, "BuildKit's checks failed (buildkit: panic: boom)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := syntax.Parse(tt.text)
			ds, err := Lint(context.Background(), f, Options{Timeout: tt.timeout})
			if err == nil || len(ds) != 1 {
				t.Fatalf("got %v, %v", ds, err)
			}
			d := ds[0]
			if d.Rule != RuleBuildKitIncomplete || d.Severity != analysis.Information || d.Source != Source ||
				!strings.HasPrefix(d.Message, tt.want) || f.Text[d.Range.Start:d.Range.End] != "FROM alpine" {
				t.Errorf("got %+v", d)
			}
		})
	}

	// The second run, past a FROM that needs a build argument, gives no
	// answer: the first run's findings stay, with the note.
	f := syntax.Parse("ARG BASE\nFROM $BASE\nRUN second\n")
	ds, err := Lint(context.Background(), f, Options{Timeout: 30 * time.Millisecond})
	if err != nil || len(ds) != 3 || ds[0].Rule != "InvalidDefaultArgInFrom" || ds[1].Rule != RuleBuildKitError || ds[2].Rule != RuleBuildKitIncomplete {
		t.Errorf("second run: %v %v", ds, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if ds, err := Lint(ctx, syntax.Parse("FROM alpine\nRUN stuck cancelled\n"), Options{}); !errors.Is(err, context.Canceled) || len(ds) != 0 {
		t.Errorf("cancelled: %v %v", ds, err)
	}
}

// TestNotRunWhenExposed: should BuildKit's parser read a remote source that
// the project's scanner did not see (their readings of odd lines differ),
// BuildKit is not run, and the note points at the instruction.
func TestNotRunWhenExposed(t *testing.T) {
	var hook lintFunc = func(context.Context, []byte, dockerfile2llb.ConvertOpt) (*lint.LintResults, error) {
		t.Error("BuildKit was run")
		return &lint.LintResults{}, nil
	}
	lintHook.Store(&hook)
	defer lintHook.Store(nil)
	f := syntax.Parse("FROM alpine\nADD   git@127.0.0.1:r.git /x\n")
	_, err := run(context.Background(), input{text: f.Text, platform: platformOf(f, model.Build(f))}, 0)
	var exposed errExposedSource
	if !errors.As(err, &exposed) || exposed.line != 2 {
		t.Fatalf("got %v", err)
	}
	ds := newMapper(f, model.Build(f), nil).incomplete(err, 0)
	if len(ds) != 1 || ds[0].Rule != RuleBuildKitIncomplete || f.Text[ds[0].Range.Start:ds[0].Range.End] != "ADD   git@127.0.0.1:r.git /x" ||
		!strings.Contains(ds[0].Message, "network") {
		t.Errorf("got %v", ds)
	}
}

// TestCouldStartSSH checks the prefix test against BuildKit's own reading of
// whole sources: no prefix of an SSH remote may be ruled out.
func TestCouldStartSSH(t *testing.T) {
	alphabet := "aZ9-_.@:/sShH#?$x"
	rng := rand.New(rand.NewPCG(1, 2))
	seeds := []string{"ssh://h/r", "SSH://git@h:22/r.git", "git@host:r.git", "a-b_c@h.x-y:p", "https://h/r.git", "git://h/r"}
	for range 200000 {
		var b strings.Builder
		if rng.IntN(2) == 0 {
			b.WriteString(seeds[rng.IntN(len(seeds))])
		}
		for n := rng.IntN(12); n > 0; n-- {
			b.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		if !dialsSSH(s) {
			continue
		}
		for k := 0; k <= len(s); k++ {
			if !couldStartSSH(s[:k]) {
				t.Fatalf("%q starts the SSH remote %q", s[:k], s)
			}
		}
	}
	for lit, want := range map[string]bool{
		"": true, "sS": true, "ssh:/": true, "git": true, "git@": true, "git@h.x": true, "git@h:": true, "git@h:r/": true,
		"https://h/r.git#": false, "/opt/": false, "./": false, "app.": false, "@h:": false, "git@:": false, "ssh:x": false,
	} {
		if got := couldStartSSH(lit); got != want {
			t.Errorf("couldStartSSH(%q) = %v", lit, got)
		}
	}
}

// BenchmarkOfflineCorpus is the cost of keeping BuildKit offline (the
// rewrite and BuildKit's parser reading the result) per real corpus file,
// to set against BenchmarkLintCorpus.
func BenchmarkOfflineCorpus(b *testing.B) {
	var files []*syntax.File
	for _, path := range corpus.Files(b, "real") {
		files = append(files, syntax.Parse(corpus.Read(b, path)))
	}
	var durs []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			start := time.Now()
			if err := checkOffline([]byte(neutralizeRemoteSources(f))); err != nil {
				b.Fatal(err)
			}
			durs = append(durs, time.Since(start))
		}
	}
	b.StopTimer()
	analysistest.ReportLatency(b, "", durs)
}
