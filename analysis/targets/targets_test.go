package targets

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/filekind"
)

func TestKindOf(t *testing.T) {
	for p, want := range map[string]Kind{
		"compose.yaml": Compose, "compose.yml": Compose, "docker-compose.yaml": Compose,
		"/w/docker-compose.yml": Compose, "compose.override.yaml": Compose, "docker-compose.prod.yml": Compose,
		"Compose.YAML": Compose, "composer.yaml": None, "my-compose.yaml": None, "compose.json": None,
		"docker-bake.hcl": Bake, "docker-bake.json": Bake, "docker-bake.override.hcl": Bake,
		"ci.override.hcl": Bake, "main.hcl": None, "package.json": None,
		"/r/.github/workflows/ci.yml": Workflow, ".github/workflows/release.yaml": Workflow, "/r/workflows/ci.yml": None,
		"Makefile": Makefile, "sub/GNUmakefile": Makefile, "rules.mk": Makefile,
		"scripts/build.sh": Script, "justfile": Script, ".gitlab-ci.yml": Script, "Jenkinsfile": Script,
		"Dockerfile": None, "README.md": None,
	} {
		if got := KindOf(p); got != want {
			t.Errorf("KindOf(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestWatchGlobs checks that the file watcher's globs and KindOf agree: a
// path matches a glob exactly when KindOf gives it a kind.
func TestWatchGlobs(t *testing.T) {
	var globs []*regexp.Regexp
	for _, g := range WatchGlobs() {
		globs = append(globs, globRegexp(g)...)
	}
	for _, p := range []string{
		"compose.yaml", "w/compose.yml", "docker-compose.yaml", "docker-compose.prod.yml", "compose.override.yaml",
		"docker-bake.hcl", "docker-bake.json", "docker-bake.override.hcl", "ci.override.hcl", "docker-bakery.hcl",
		"composer.yaml", "my-compose.yaml", "compose.json", "main.hcl", "package.json", "Dockerfile", "README.md",
		"r/.github/workflows/ci.yml", ".github/workflows/release.yaml", "r/workflows/ci.yml",
		"Makefile", "makefile", "sub/GNUmakefile", "rules.mk", "scripts/build.sh", "x.bash",
		"justfile", ".justfile", ".gitlab-ci.yml", "Jenkinsfile", "Jenkinsfile.release",
	} {
		matched := false
		for _, re := range globs {
			matched = matched || re.MatchString(p)
		}
		if kind := KindOf(p); matched != (kind != None) {
			t.Errorf("%s: KindOf says %v, the watch globs match: %v", p, kind, matched)
		}
	}
}

// TestDockerfileGlobs checks the watcher's Dockerfile globs against
// filekind.ByName, with the glob reader above. Globs cannot leave out
// Dockerfile.dockerignore, which Dockerfile.* matches: an event for it only
// costs a needless analysis.
func TestDockerfileGlobs(t *testing.T) {
	var globs []*regexp.Regexp
	for _, g := range filekind.Globs(filekind.Dockerfile) {
		globs = append(globs, globRegexp(g)...)
	}
	for _, p := range []string{
		"Dockerfile", "a/Dockerfile", "Dockerfile.prod", "api.Dockerfile", "x/api.dockerfile", "Containerfile",
		"Containerfile.dev", "compose.yaml", ".dockerignore", "README.md", "docker-bake.hcl",
	} {
		matched := false
		for _, re := range globs {
			matched = matched || re.MatchString(p)
		}
		if want := filekind.ByName(p) == filekind.Dockerfile; matched != want {
			t.Errorf("%s: ByName says Dockerfile %v, the watch globs match: %v", p, want, matched)
		}
	}
}

// globRegexp reads a file watcher's glob (**/, *, {a,b}) as regular
// expressions, one per alternative.
func globRegexp(g string) []*regexp.Regexp {
	if i := strings.Index(g, "{"); i >= 0 {
		j := i + strings.Index(g[i:], "}")
		var out []*regexp.Regexp
		for _, alt := range strings.Split(g[i+1:j], ",") {
			out = append(out, globRegexp(g[:i]+alt+g[j+1:])...)
		}
		return out
	}
	re := regexp.QuoteMeta(g)
	re = strings.ReplaceAll(re, `\*\*/`, `(?:.*/)?`)
	re = strings.ReplaceAll(re, `\*`, `[^/]*`)
	return []*regexp.Regexp{regexp.MustCompile("^" + re + "$")}
}
