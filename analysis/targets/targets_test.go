package targets

import (
	"regexp"
	"strings"
	"testing"
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
