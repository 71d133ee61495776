package buildcontext_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/moby/patternmatcher"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/buildcontext"
)

// tree writes files (a name ending in "/" is an empty folder) under a new
// folder and returns it.
func tree(t testing.TB, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if strings.HasSuffix(f, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func load(t testing.TB, dir, dockerfile string) *buildcontext.Context {
	t.Helper()
	c, err := buildcontext.Load(context.Background(), buildcontext.Options{Dir: dir, Dockerfile: dockerfile, Read: os.ReadFile})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestIgnoreFileSelection(t *testing.T) {
	dir := tree(t, "Dockerfile", "app.Dockerfile", "app.Dockerfile.dockerignore", ".dockerignore")
	for _, tc := range []struct{ dockerfile, want string }{
		{"app.Dockerfile", "app.Dockerfile.dockerignore"},
		{"Dockerfile", ".dockerignore"},
		{"", ".dockerignore"},
	} {
		df := ""
		if tc.dockerfile != "" {
			df = filepath.Join(dir, tc.dockerfile)
		}
		c := load(t, dir, df)
		if got := filepath.Base(c.Ignore.Path); got != tc.want || !c.Ignore.Exists {
			t.Errorf("%q: ignore file %s (exists %v), want %s", tc.dockerfile, c.Ignore.Path, c.Ignore.Exists, tc.want)
		}
	}
	none := tree(t, "Dockerfile")
	c := load(t, none, filepath.Join(none, "Dockerfile"))
	if c.Ignore.Exists || c.Ignore.Path != filepath.Join(none, ".dockerignore") || !c.Complete {
		t.Errorf("without an ignore file: %+v, complete %v", c.Ignore, c.Complete)
	}
}

// TestExclusion checks the walk against BuildKit's matcher asked directly:
// every recorded file is sent exactly when MatchesOrParentMatches says it is
// not excluded, and no folder with something sent inside is dropped.
func TestExclusion(t *testing.T) {
	files := []string{
		"Dockerfile", "main.go", "README.md", "docs/a.md", "docs/img/b.png",
		"build/out.bin", "build/keep/me.txt", "logs/x.log", "src/deep/y.log", "keep.log",
		"node_modules/p/index.js", "node_modules/p/README.md", "empty/",
	}
	for _, tc := range []struct {
		name     string
		ignore   string
		sent     []string // top-level children sent
		excluded []string
		pruned   []string
	}{
		{"none", "", []string{"Dockerfile", "README.md", "build/", "docs/", "empty/", "keep.log", "logs/", "main.go", "node_modules/", "src/"}, nil, nil},
		{"folder", "docs\nnode_modules\n", []string{"Dockerfile", "README.md", "build/", "empty/", "keep.log", "logs/", "main.go", "src/"}, []string{"docs", "node_modules"}, []string{"docs", "node_modules"}},
		{"double star and exception", "**/*.log\n!keep.log\n", []string{"Dockerfile", "README.md", "build/", "docs/", "empty/", "keep.log", "logs/", "main.go", "node_modules/", "src/"}, []string{"logs/x.log", "src/deep/y.log"}, nil},
		{"exception inside an excluded folder", "build\n!build/keep\n", []string{"Dockerfile", "README.md", "build/", "docs/", "empty/", "keep.log", "logs/", "main.go", "node_modules/", "src/"}, []string{"build", "build/out.bin"}, nil},
		{"everything but", "*\n!main.go\n!Dockerfile\n", []string{"Dockerfile", "main.go"}, []string{"README.md", "docs", "node_modules"}, nil},
		{"literal exception elsewhere prunes", "node_modules\n!README.md\n", []string{"Dockerfile", "README.md", "build/", "docs/", "empty/", "keep.log", "logs/", "main.go", "src/"}, []string{"node_modules"}, []string{"node_modules"}},
		{"wildcard exception walks in", "node_modules\n!**/README.md\n", []string{"Dockerfile", "README.md", "build/", "docs/", "empty/", "keep.log", "logs/", "main.go", "node_modules/", "src/"}, []string{"node_modules", "node_modules/p/index.js"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tree(t, append(files, ".dockerignore")...)
			if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte(tc.ignore), 0o644); err != nil {
				t.Fatal(err)
			}
			c := load(t, dir, "")
			if !c.Complete {
				t.Fatalf("incomplete: %s", c.Bound)
			}
			got := c.Children("")
			got = slicesDelete(got, ".dockerignore")
			if !reflect.DeepEqual(got, tc.sent) {
				t.Errorf("children %q, want %q", got, tc.sent)
			}
			for _, p := range tc.excluded {
				if e, ok := c.Lookup(p); !ok || !e.Excluded {
					t.Errorf("%s: %+v, want excluded", p, e)
				}
			}
			for _, p := range tc.pruned {
				if e, _ := c.Lookup(p); !e.Pruned || e.Sent {
					t.Errorf("%s: %+v, want pruned", p, e)
				}
			}
			pm, err := patternmatcher.New(strings.Fields(tc.ignore))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if strings.HasSuffix(f, "/") {
					continue
				}
				excluded, _ := pm.MatchesOrParentMatches(f)
				e, recorded := c.Lookup(f)
				if recorded && e.Sent == excluded || !recorded && !excluded {
					t.Errorf("%s: recorded %v sent %v, BuildKit's matcher says excluded %v", f, recorded, e.Sent, excluded)
				}
				if c.Excluded(f) != excluded {
					t.Errorf("%s: Excluded %v, matcher %v", f, c.Excluded(f), excluded)
				}
			}
		})
	}
}

func slicesDelete(xs []string, x string) []string {
	out := xs[:0:0]
	for _, v := range xs {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

func TestSource(t *testing.T) {
	dir := tree(t, "Dockerfile", "go.mod", "cmd/app/main.go", "cmd/tool/main.go", "web/index.html",
		"docs/a.md", "secret.txt", ".dockerignore")
	if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte("docs\nsecret.txt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := load(t, dir, "")
	for _, tc := range []struct {
		src  string
		want buildcontext.Presence
	}{
		{".", buildcontext.Present},
		{"./", buildcontext.Present},
		{"/", buildcontext.Present},
		{"go.mod", buildcontext.Present},
		{"./go.mod", buildcontext.Present},
		{"/go.mod", buildcontext.Present},
		{"cmd/", buildcontext.Present},
		{"cmd/app/main.go", buildcontext.Present},
		{"go.sum", buildcontext.Absent},
		{"cmd/app/mian.go", buildcontext.Absent},
		{"go.mod/x", buildcontext.Absent},
		{"secret.txt", buildcontext.Absent},
		{"docs/a.md", buildcontext.Absent},
		{"docs", buildcontext.Absent},
		{"*.mod", buildcontext.Present},
		{"go.*", buildcontext.Present},
		{"cmd/*/main.go", buildcontext.Present},
		{"cmd/*", buildcontext.Present},
		{"*/index.html", buildcontext.Present},
		{"*.txt", buildcontext.Absent},
		{"docs/*", buildcontext.Absent},
		{"cmd/*.go", buildcontext.Absent}, // "*" never crosses a "/"
		{"c?d/app/main.go", buildcontext.Present},
		{"[", buildcontext.Unknown},
		{`go\.mod`, buildcontext.Unknown},
	} {
		if got := c.Source(tc.src); got != tc.want {
			t.Errorf("Source(%q) = %s, want %s", tc.src, got, tc.want)
		}
	}
}

func TestBounds(t *testing.T) {
	dir := tree(t, "a/b/c/d/file", "x1", "x2", "x3", "x4")
	for _, tc := range []struct {
		name   string
		limits buildcontext.Limits
		bound  buildcontext.Bound
	}{
		{"entries", buildcontext.Limits{MaxEntries: 3}, buildcontext.EntryBound},
		{"depth", buildcontext.Limits{MaxDepth: 2}, buildcontext.DepthBound},
		{"none", buildcontext.Limits{}, buildcontext.NoBound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := buildcontext.Load(context.Background(), buildcontext.Options{Dir: dir, Read: os.ReadFile, Limits: tc.limits})
			if err != nil {
				t.Fatal(err)
			}
			if c.Bound != tc.bound || c.Complete != (tc.bound == buildcontext.NoBound) {
				t.Fatalf("bound %s complete %v, want %s", c.Bound, c.Complete, tc.bound)
			}
			if c.Complete {
				return
			}
			if got := c.Source("nothing-here"); got != buildcontext.Unknown {
				t.Errorf("an incomplete walk answered %s for a missing path", got)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c, err := buildcontext.Load(ctx, buildcontext.Options{Dir: dir, Read: os.ReadFile})
	if err != nil || c.Complete || c.Bound != buildcontext.TimeBound {
		t.Errorf("a cancelled walk: %v, complete %v, bound %s", err, c.Complete, c.Bound)
	}
}

func TestBadIgnoreFile(t *testing.T) {
	dir := tree(t, "Dockerfile", "main.go")
	for _, tc := range []struct {
		name string
		read buildcontext.ReadFunc
	}{
		{"unreadable", func(string) ([]byte, error) { return nil, errors.New("too large") }},
		{"invalid pattern", func(string) ([]byte, error) { return []byte("[\n"), nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := buildcontext.Load(context.Background(), buildcontext.Options{Dir: dir, Read: tc.read})
			if err != nil {
				t.Fatal(err)
			}
			if c.Ignore.Err == nil || c.Complete || c.Bound != buildcontext.Unreadable {
				t.Errorf("ignore %+v, complete %v, bound %s", c.Ignore, c.Complete, c.Bound)
			}
			if got := c.Children(""); !reflect.DeepEqual(got, []string{"Dockerfile", "main.go"}) {
				t.Errorf("children %q", got)
			}
		})
	}
	if _, err := buildcontext.Load(context.Background(), buildcontext.Options{Dir: filepath.Join(dir, "main.go"), Read: os.ReadFile}); err == nil {
		t.Error("a file as context should fail")
	}
}

func TestWeighAndNeverShipped(t *testing.T) {
	dir := tree(t, "Dockerfile", ".git/HEAD", ".git/objects/ab/cd", "node_modules/a/index.js",
		"web/node_modules/b/x.js", "web/src/app.js", ".env", "certs/server.pem", "rust/Cargo.toml",
		"rust/target/debug/app", "lib/target/keep", "venv/readme", "py/venv/pyvenv.cfg", ".dockerignore")
	if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte("certs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := load(t, dir, "")
	var got []string
	for _, f := range c.NeverShipped("") {
		got = append(got, f.Path)
		if w := f.Weight; f.Path == ".git" && (w.Files != 2 || w.Bytes != int64(len(".git/HEAD")+len(".git/objects/ab/cd"))) {
			t.Errorf("weight of .git = %+v", w)
		}
	}
	want := []string{".env", ".git", "node_modules", "py/venv", "rust/target", "web/node_modules"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NeverShipped = %q, want %q", got, want)
	}
	if lines := buildcontext.IgnoreLines(c.NeverShipped("")); !reflect.DeepEqual(lines, []string{".git", "**/node_modules", "rust/target", "py/venv", ".env"}) {
		t.Errorf("IgnoreLines = %q", lines)
	}
	if got := c.NeverShipped("web"); len(got) != 1 || got[0].Path != "web/node_modules" {
		t.Errorf("NeverShipped(web) = %+v", got)
	}
	if got := c.NeverShipped("node_modules"); got != nil {
		t.Errorf("copying node_modules by name is a choice: %+v", got)
	}
}

// TestNeverShippedRespectsExceptions: what a .dockerignore lets back in with
// "!" was decided by its author, and is not reported.
func TestNeverShippedRespectsExceptions(t *testing.T) {
	dir := tree(t, "Dockerfile", "node_modules/keep/index.js", "node_modules/drop/index.js", ".env", ".git/HEAD", ".dockerignore")
	ignore := "node_modules\n!node_modules/keep\n.env*\n!.env\n"
	if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte(ignore), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range load(t, dir, "").NeverShipped("") {
		got = append(got, f.Path)
	}
	if want := []string{".git"}; !reflect.DeepEqual(got, want) {
		t.Errorf("NeverShipped = %q, want %q", got, want)
	}
}

func TestCache(t *testing.T) {
	dir := tree(t, "Dockerfile", "app.Dockerfile", "src/main.go")
	df := filepath.Join(dir, "app.Dockerfile")
	cache := buildcontext.NewCache(os.ReadFile, buildcontext.Limits{})
	get := func() *buildcontext.Context {
		c, err := cache.Get(context.Background(), dir, df)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	first := get()
	if get() != first {
		t.Fatal("a second Get walked again")
	}
	cache.Invalidate(filepath.Join(filepath.Dir(dir), "elsewhere"))
	if get() != first {
		t.Error("a change outside the context dropped the walk")
	}
	if err := os.WriteFile(filepath.Join(dir, "src", "util.go"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cache.Invalidate(filepath.Join(dir, "src", "util.go"))
	second := get()
	if second == first || second.Source("src/util.go") != buildcontext.Present {
		t.Error("a change inside the context kept the old walk")
	}
	cache.Invalidate(df + ".dockerignore")
	if get() == second {
		t.Error("a per-Dockerfile .dockerignore change kept the old walk")
	}
}

// TestConcurrentUse: one walk shared by concurrent Gets and queries.
func TestConcurrentUse(t *testing.T) {
	dir := tree(t, "Dockerfile", ".env", "src/a.go", "node_modules/x/i.js", ".dockerignore")
	if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte("**/*.log\n!keep.log\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := buildcontext.NewCache(os.ReadFile, buildcontext.Limits{})
	done := make(chan *buildcontext.Context)
	for range 8 {
		go func() {
			c, err := cache.Get(context.Background(), dir, "")
			if err != nil {
				t.Error(err)
			}
			c.Excluded("src/a.log")
			c.NeverShipped("")
			c.Children("src")
			c.Source("src/*.go")
			done <- c
		}()
	}
	first := <-done
	for range 7 {
		if c := <-done; c != first {
			t.Error("concurrent Gets walked twice")
		}
	}
}

// TestCacheCutWalk: a walk whose caller gives up is not handed to the
// callers waiting for it; they get a complete walk of their own.
func TestCacheCutWalk(t *testing.T) {
	dir := tree(t, "Dockerfile", "src/a.go")
	started, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	read := func(p string) ([]byte, error) {
		once.Do(func() {
			close(started)
			<-release
		})
		return os.ReadFile(p)
	}
	cache := buildcontext.NewCache(read, buildcontext.Limits{})
	ctx, cancel := context.WithCancel(context.Background())
	go cache.Get(ctx, dir, "")
	<-started
	waiter := make(chan *buildcontext.Context)
	go func() {
		c, err := cache.Get(context.Background(), dir, "")
		if err != nil {
			t.Error(err)
		}
		waiter <- c
	}()
	time.Sleep(10 * time.Millisecond) // let the waiter find the walk under way
	cancel()
	close(release)
	if c := <-waiter; c == nil || !c.Complete {
		t.Errorf("the waiter got a walk cut short: %+v", c)
	}
}
