package facts_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestOneHome fails when a second copy of build knowledge comes back: each
// literal below names something that one package owns (a build tool, a
// package manager, a predefined build argument), and only its home may
// spell it in non-test code. The exceptions are listed with their reason.
func TestOneHome(t *testing.T) {
	homes := []struct {
		literal string
		homes   []string // files allowed to hold the literal, relative to the module root
	}{
		{`"bazelisk"`, []string{"analysis/facts/builds.go"}},
		{`"sbt"`, []string{"analysis/facts/builds.go"}},
		{`"lein"`, []string{"analysis/facts/builds.go"}},
		{`"zig"`, []string{"analysis/facts/builds.go"}},
		{`"gmake"`, []string{"analysis/facts/builds.go"}},
		{`"yum"`, []string{"analysis/facts/packages.go"}},
		{`"microdnf"`, []string{"analysis/facts/packages.go"}},
		{`"zypper"`, []string{"analysis/facts/packages.go"}},
		{`"--virtual"`, []string{"analysis/facts/packages.go"}},
		{`"deps.get"`, []string{"analysis/facts/deps.go"}}, // dependency installs: CacheBustingCopy and ManifestNotCopied read them
		{`"dependency:"`, []string{"analysis/facts/deps.go"}},
		{`"package-lock.json"`, []string{"analysis/facts/deps.go"}},
		{`"TARGETARCH"`, []string{"analysis/model/predefined.go"}},
		{`"BUILDKIT_INLINE_CACHE"`, []string{"analysis/model/predefined.go"}},
		{`"destination"`, []string{"analysis/docs/docs.go"}},
		{`"nanoserver"`, []string{"analysis/images/bases.go", "analysis/images/images.go",
			"analysis/buildkit/baseenv.go"}}, // baseenv: the offline resolver's table of image ENV, still in buildkit
	}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		for _, h := range homes {
			if strings.Contains(string(data), h.literal) && !slices.Contains(h.homes, rel) {
				t.Errorf("%s spells %s, which belongs to %s: read it from there", rel, h.literal, h.homes[0])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
