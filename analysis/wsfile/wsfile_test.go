package wsfile_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile/wsfiletest"
)

// readWithin reads through wsfile.Read and fails the test, instead of
// hanging it, when the read does not return in time: a regression to
// opening a FIFO would otherwise block for ever.
func readWithin(t *testing.T, ctx context.Context, path string, opts wsfile.Options) (data []byte, err error) {
	t.Helper()
	wsfiletest.Within(t, 20*time.Second, "reading "+path, func() {
		data, err = wsfile.Read(ctx, path, opts)
	})
	return data, err
}

// workspace makes a root with a regular file, a FIFO, symlinks to /dev/zero
// and out of the root, a file outside the root, and a root reached through a
// symlink.
func workspace(t testing.TB) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root, outside = filepath.Join(base, "ws"), filepath.Join(base, "outside")
	for _, d := range []string{filepath.Join(root, "sub"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		filepath.Join(root, "compose.yaml"):      "services: {}\n",
		filepath.Join(root, "sub", "Dockerfile"): "FROM alpine\n",
		filepath.Join(root, "exact"):             strings.Repeat("x", 16),
		filepath.Join(root, "over"):              strings.Repeat("x", 17),
		filepath.Join(outside, "secret"):         "password\n",
	}
	for p, text := range files {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wsfiletest.Fifo(t, filepath.Join(root, ".gitignore"))
	links := map[string]string{
		filepath.Join(root, "docker-bake.override.hcl"): "/dev/zero",
		filepath.Join(root, "leak"):                     filepath.Join(outside, "secret"),
		filepath.Join(root, "inner"):                    filepath.Join(root, "sub", "Dockerfile"),
		filepath.Join(root, "up"):                       "../outside",
		filepath.Join(root, "fifo-link"):                ".gitignore",
		filepath.Join(base, "ws-link"):                  root,
	}
	for p, target := range links {
		wsfiletest.Symlink(t, target, p)
	}
	return root, outside
}

func TestRead(t *testing.T) {
	root, outside := workspace(t)
	in := func(name string) string { return filepath.Join(root, name) }
	ws := []string{root}
	for _, tc := range []struct {
		name string
		path string
		opts wsfile.Options
		want string // the content, when the read succeeds
		err  error  // what the error matches
	}{
		{name: "regular", path: in("compose.yaml"), opts: wsfile.Options{Roots: ws}, want: "services: {}\n"},
		{name: "symlink inside", path: in("inner"), opts: wsfile.Options{Roots: ws}, want: "FROM alpine\n"},
		{name: "root through a symlink", path: filepath.Join(filepath.Dir(root), "ws-link", "compose.yaml"), opts: wsfile.Options{Roots: ws}, want: "services: {}\n"},
		{name: "root given as the symlink", path: in("compose.yaml"), opts: wsfile.Options{Roots: []string{filepath.Join(filepath.Dir(root), "ws-link")}}, want: "services: {}\n"},
		{name: "exactly the cap", path: in("exact"), opts: wsfile.Options{Roots: ws, MaxSize: 16}, want: strings.Repeat("x", 16)},
		{name: "one past the cap", path: in("over"), opts: wsfile.Options{Roots: ws, MaxSize: 16}, err: wsfile.ErrTooLarge},
		{name: "symlink to /dev/zero", path: in("docker-bake.override.hcl"), opts: wsfile.Options{Roots: ws}, err: wsfile.ErrOutside},
		{name: "/dev/zero opened by the user", path: in("docker-bake.override.hcl"), opts: wsfile.Options{UserOpened: true}, err: wsfile.ErrNotRegular},
		{name: "FIFO", path: in(".gitignore"), opts: wsfile.Options{Roots: ws}, err: wsfile.ErrNotRegular},
		{name: "symlink to a FIFO", path: in("fifo-link"), opts: wsfile.Options{Roots: ws}, err: wsfile.ErrNotRegular},
		{name: "FIFO opened by the user", path: in(".gitignore"), opts: wsfile.Options{UserOpened: true}, err: wsfile.ErrNotRegular},
		{name: "folder", path: in("sub"), opts: wsfile.Options{Roots: ws}, err: wsfile.ErrNotRegular},
		{name: "symlink out of the workspace", path: in("leak"), opts: wsfile.Options{Roots: ws}, err: wsfile.ErrOutside},
		{name: "dot-dot out of the workspace", path: in("sub/../../outside/secret"), opts: wsfile.Options{Roots: ws}, err: wsfile.ErrOutside},
		{name: "through a symlinked folder", path: in("up/secret"), opts: wsfile.Options{Roots: ws}, err: wsfile.ErrOutside},
		{name: "no roots", path: in("compose.yaml"), err: wsfile.ErrOutside},
		{name: "outside, opened by the user", path: filepath.Join(outside, "secret"), opts: wsfile.Options{UserOpened: true}, want: "password\n"},
		{name: "missing", path: in("nope"), opts: wsfile.Options{Roots: ws}, err: fs.ErrNotExist},
		{name: "a root's sibling with its name as prefix", path: filepath.Join(outside, "secret"), opts: wsfile.Options{Roots: []string{strings.TrimSuffix(outside, "side")}}, err: wsfile.ErrOutside},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := readWithin(t, context.Background(), tc.path, tc.opts)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("error %v, want %v (read %d bytes)", err, tc.err, len(data))
				}
				if data != nil {
					t.Errorf("data with an error: %d bytes", len(data))
				}
				return
			}
			if err != nil || string(data) != tc.want {
				t.Fatalf("got %q, %v; want %q", data, err, tc.want)
			}
		})
	}
}

// A file whose Stat size is 0 but whose content is longer (as in /proc)
// is still capped: the cap counts bytes read, not the size Stat gives.
func TestReadCapsWhatStatHides(t *testing.T) {
	const p = "/proc/self/maps"
	if st, err := os.Stat(p); err != nil || st.Size() != 0 {
		t.Skip("no /proc file that hides its size")
	}
	_, err := readWithin(t, context.Background(), p, wsfile.Options{UserOpened: true, MaxSize: 16})
	var e *wsfile.Error
	if !errors.As(err, &e) || e.Err != wsfile.ErrTooLarge || !strings.Contains(err.Error(), "16 bytes") {
		t.Fatalf("error %v, want too large", err)
	}
}

func TestReadDeadline(t *testing.T) {
	root, _ := workspace(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := readWithin(t, ctx, filepath.Join(root, "compose.yaml"), wsfile.Options{Roots: []string{root}})
	if !errors.Is(err, wsfile.ErrDeadline) || !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want the deadline's", err)
	}
}

func TestErrorMessages(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&wsfile.Error{Path: "a", Err: wsfile.ErrTooLarge, Limit: 4 << 20}, "a: larger than the limit of 4 MiB"},
		{&wsfile.Error{Path: "a", Err: wsfile.ErrTooLarge, Limit: 1000}, "a: larger than the limit of 1000 bytes"},
		{&wsfile.Error{Path: "a", Err: wsfile.ErrOutside}, "a: outside the workspace"},
		{&wsfile.Error{Path: "a", Err: wsfile.ErrNotRegular}, "a: not a regular file"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("%q, want %q", got, tc.want)
		}
	}
}

// BenchmarkRead measures what the checks cost over os.ReadFile on a small
// file a few folders deep, as the index reads thousands of them.
func BenchmarkRead(b *testing.B) {
	root := b.TempDir()
	p := filepath.Join(root, "a", "b", "c", "compose.yaml")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(strings.Repeat("services: {}\n", 100)), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("wsfile.Read", func(b *testing.B) {
		for b.Loop() {
			if _, err := wsfile.Read(context.Background(), p, wsfile.Options{Roots: []string{root}}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("os.ReadFile", func(b *testing.B) {
		for b.Loop() {
			if _, err := os.ReadFile(p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// FuzzRead reads any path, relative to a workspace full of traps or not,
// with any cap: Read returns in time, and whatever it returns is a regular
// file inside the workspace, no longer than the cap, as the disk has it.
func FuzzRead(f *testing.F) {
	root, outside := workspace(f)
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		f.Fatal(err)
	}
	wsfiletest.Symlink(f, "loop", filepath.Join(root, "loop"))
	wsfiletest.Symlink(f, "..", filepath.Join(root, "sub", "parent"))
	for _, seed := range []string{
		"compose.yaml", "inner", "exact", "over", ".gitignore", "fifo-link", "docker-bake.override.hcl",
		"leak", "up/secret", "sub/parent/compose.yaml", "sub/parent/sub/parent/leak", "loop", "../outside/secret",
		"/dev/zero", "/etc/passwd", outside + "/secret", "sub/../../ws-link/compose.yaml", "",
	} {
		f.Add(seed, int64(16))
	}
	f.Fuzz(func(t *testing.T, rel string, max int64) {
		p := rel
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, rel)
		}
		opts := wsfile.Options{Roots: []string{root}, MaxSize: max}
		var data []byte
		var err error
		wsfiletest.Within(t, 20*time.Second, "reading "+p, func() { data, err = wsfile.Read(context.Background(), p, opts) })
		if err != nil {
			return
		}
		real, rerr := filepath.EvalSymlinks(p)
		if rerr != nil || (real != realRoot && !strings.HasPrefix(real, realRoot+string(filepath.Separator))) {
			t.Fatalf("%s (%s, %v) was read from outside %s", p, real, rerr, realRoot)
		}
		st, serr := os.Stat(real)
		if serr != nil || !st.Mode().IsRegular() {
			t.Fatalf("%s was read but is not a regular file (%v)", p, serr)
		}
		limit := max
		if limit <= 0 {
			limit = wsfile.DefaultMaxSize
		}
		if want, _ := os.ReadFile(real); int64(len(data)) > limit || string(data) != string(want) {
			t.Fatalf("%s: read %d bytes %q, cap %d, the disk has %q", p, len(data), data, limit, want)
		}
	})
}
