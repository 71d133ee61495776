// Package images knows the SDK and toolchain images that people build with
// and, by mistake, ship: how big they roughly are, what they are for, and
// which runtime image the built program should run on instead.
//
// # Sizes
//
// Sizes are approximate compressed (pull) sizes for linux/amd64, in MB, of
// the tags current when the table was written (Docker Hub and
// mcr.microsoft.com tag listings for the 2024–2025 releases: golang 1.22–1.24,
// rust 1.7x–1.8x, gcc 13–14, node 18–22, python 3.11–3.13, .NET 8–9, Temurin
// 17–21, Maven 3.9, Gradle 8; Debian bookworm variants). Table written on
// 2026-11-23 from those listings as the author knows them; no image was pulled
// or measured for it, newer releases (Go 1.26, Node 24+...) were not checked,
// and sizes drift by tens of MB between releases. They are estimates, and every
// message built from them says "about" and "estimate".
package images

import (
	"regexp"
	"strings"
	"sync"
)

// Kind says what an image is for.
type Kind int

const (
	// Toolchain images exist to compile: the program they build never needs
	// them at run time (golang, rust, gcc, maven, a JDK, dotnet/sdk...).
	Toolchain Kind = iota + 1
	// Full images are a language runtime plus a whole build environment
	// (compilers, headers, git); a slim variant runs the same code.
	Full
	// BuildBase is buildpack-deps: Debian with compilers and -dev headers,
	// the base the official language images are built on.
	BuildBase
)

// Image is one entry of the table: a repository and what its tags mean.
type Image struct {
	Repo      string // normalised repository: "golang", "mcr.microsoft.com/dotnet/sdk"
	Ecosystem string // "go", "rust", "c", "java", "dotnet", "node", "python", "ruby", "haskell", "swift", "debian"
	What      string // a short description for messages: "the Go toolchain"
	Kind      Kind
	SizeMB    int // the default (Debian) tag's compressed size
	// AlpineMB and SlimMB are the sizes of the -alpine and -slim variants
	// when they are still toolchain images; 0 when there is none.
	AlpineMB, SlimMB int
	// NotToolchain reports tags that are not a toolchain at all (a JRE, a
	// node:*-slim); nil when every tag is one.
	NotToolchain func(tag string) bool
	// Runtimes are the suggested runtime counterparts, best first; "{v}" is
	// replaced by the version read from the tag when there is one.
	Runtimes []string
	// RuntimeMB is the approximate size of the first runtime.
	RuntimeMB int
	// Note is advice to add to messages, if any.
	Note string
	// Env is the environment the images set (KEY=value, the union over
	// their tags; sources in env.go); nil when unknown.
	Env []string
}

// table is the data. Keep it sorted by ecosystem; sizes: see the package doc.
var table = []*Image{
	{Repo: "golang", Ecosystem: "go", What: "the Go toolchain", Kind: Toolchain, SizeMB: 290, AlpineMB: 75,
		Runtimes: []string{"gcr.io/distroless/static-debian12", "alpine", "scratch"}, RuntimeMB: 2,
		Env: []string{"PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GOLANG_VERSION=1.25.4", "GOTOOLCHAIN=local", "GOPATH=/go"}},
	{Repo: "rust", Ecosystem: "rust", What: "the Rust toolchain", Kind: Toolchain, SizeMB: 550, AlpineMB: 300, SlimMB: 260,
		Runtimes: []string{"gcr.io/distroless/cc-debian12", "debian:bookworm-slim"}, RuntimeMB: 9,
		Env: []string{"PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "RUSTUP_HOME=/usr/local/rustup", "CARGO_HOME=/usr/local/cargo", "RUST_VERSION=1.83.0"}},
	{Repo: "gcc", Ecosystem: "c", What: "the GNU compiler collection", Kind: Toolchain, SizeMB: 480,
		Runtimes: []string{"debian:bookworm-slim", "gcr.io/distroless/cc-debian12"}, RuntimeMB: 28,
		Env: []string{LinuxPathEnv, "GPG_KEYS=B215C1633BCA0477615F1B35A5B3A004745C015A", "GCC_MIRRORS=https://ftpmirror.gnu.org/gcc", "GCC_VERSION=14.2.0"}},
	{Repo: "buildpack-deps", Ecosystem: "debian", What: "Debian with compilers and development headers", Kind: BuildBase, SizeMB: 330,
		NotToolchain: func(tag string) bool { return hasPart(tag, "curl") || hasPart(tag, "scm") },
		Runtimes:     []string{"debian:{v}-slim"}, RuntimeMB: 28,
		Env: []string{LinuxPathEnv}},
	{Repo: "maven", Ecosystem: "java", What: "Maven with a JDK", Kind: Toolchain, SizeMB: 260,
		Runtimes: []string{"eclipse-temurin:{v}-jre", "gcr.io/distroless/java{v}-debian12"}, RuntimeMB: 90,
		Env: append(append([]string{}, javaEnv...), "MAVEN_HOME=/usr/share/maven", "MAVEN_CONFIG=/root/.m2")},
	{Repo: "gradle", Ecosystem: "java", What: "Gradle with a JDK", Kind: Toolchain, SizeMB: 350,
		Runtimes: []string{"eclipse-temurin:{v}-jre", "gcr.io/distroless/java{v}-debian12"}, RuntimeMB: 90,
		Env: append(append([]string{}, javaEnv...), "GRADLE_HOME=/opt/gradle", "GRADLE_VERSION=8.11.1")},
	{Repo: "eclipse-temurin", Ecosystem: "java", What: "a JDK", Kind: Toolchain, SizeMB: 190, AlpineMB: 165,
		NotToolchain: isJRE, Runtimes: []string{"eclipse-temurin:{v}-jre", "gcr.io/distroless/java{v}-debian12"}, RuntimeMB: 90,
		Env: javaEnv},
	{Repo: "openjdk", Ecosystem: "java", What: "a JDK", Kind: Toolchain, SizeMB: 230, AlpineMB: 100, SlimMB: 210,
		NotToolchain: isJRE, Runtimes: []string{"eclipse-temurin:{v}-jre", "gcr.io/distroless/java{v}-debian12"}, RuntimeMB: 90,
		Env: javaEnv},
	{Repo: "amazoncorretto", Ecosystem: "java", What: "a JDK", Kind: Toolchain, SizeMB: 200, AlpineMB: 150,
		NotToolchain: isJRE, Runtimes: []string{"eclipse-temurin:{v}-jre", "gcr.io/distroless/java{v}-debian12"}, RuntimeMB: 90,
		Env: []string{LinuxPathEnv, "LANG=C.UTF-8", "JAVA_HOME=/usr/lib/jvm/java-21-amazon-corretto"}},
	{Repo: "mcr.microsoft.com/dotnet/sdk", Ecosystem: "dotnet", What: "the .NET SDK", Kind: Toolchain, SizeMB: 280, AlpineMB: 220,
		Runtimes: []string{"mcr.microsoft.com/dotnet/aspnet:{v}", "mcr.microsoft.com/dotnet/runtime:{v}"}, RuntimeMB: 90,
		Env: dotnetSDK},
	{Repo: "mcr.microsoft.com/dotnet/core/sdk", Ecosystem: "dotnet", What: "the .NET Core SDK", Kind: Toolchain, SizeMB: 250,
		Runtimes: []string{"mcr.microsoft.com/dotnet/core/aspnet:{v}", "mcr.microsoft.com/dotnet/core/runtime:{v}"}, RuntimeMB: 80},
	{Repo: "node", Ecosystem: "node", What: "Node.js with a full Debian build environment", Kind: Full, SizeMB: 390,
		NotToolchain: slimOrAlpine, Runtimes: []string{"node:{v}-slim"}, RuntimeMB: 70,
		Note: "a front-end whose build output is static files needs no Node.js at run time: serve it from nginx:alpine",
		Env:  []string{LinuxPathEnv, "NODE_VERSION=22.11.0", "YARN_VERSION=1.22.22"}},
	{Repo: "python", Ecosystem: "python", What: "Python with a full Debian build environment", Kind: Full, SizeMB: 370,
		NotToolchain: slimOrAlpine, Runtimes: []string{"python:{v}-slim"}, RuntimeMB: 45,
		Env: []string{"PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8",
			"GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305", "PYTHON_VERSION=3.13.0", "PYTHON_SHA256=0", "PYTHONIOENCODING=UTF-8", // Windows tags
			// Older tags, still widely used.
			"PYTHON_PIP_VERSION=24.0", "PYTHON_SETUPTOOLS_VERSION=65.5.1", "PYTHON_GET_PIP_URL=https://github.com/pypa/get-pip/raw/main/public/get-pip.py", "PYTHON_GET_PIP_SHA256=0"}},
	{Repo: "ruby", Ecosystem: "ruby", What: "Ruby with a full Debian build environment", Kind: Full, SizeMB: 360,
		NotToolchain: slimOrAlpine, Runtimes: []string{"ruby:{v}-slim"}, RuntimeMB: 75,
		Env: []string{"PATH=/usr/local/bundle/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "RUBY_VERSION=3.3.6", "RUBY_DOWNLOAD_URL=https://cache.ruby-lang.org/pub/ruby/3.3/ruby-3.3.6.tar.xz", "RUBY_DOWNLOAD_SHA256=0", "RUBY_MAJOR=3.3", "GEM_HOME=/usr/local/bundle", "BUNDLE_SILENCE_ROOT_WARNING=1", "BUNDLE_APP_CONFIG=/usr/local/bundle"}},
	{Repo: "haskell", Ecosystem: "haskell", What: "GHC, cabal and stack", Kind: Toolchain, SizeMB: 1000,
		Runtimes: []string{"debian:bookworm-slim"}, RuntimeMB: 28,
		Env: []string{"PATH=/root/.cabal/bin:/root/.local/bin:/opt/ghc/9.10.1/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "GHC=9.10.1", "STACK=3.1.1", "CABAL_INSTALL=3.12.1.0"}},
	{Repo: "swift", Ecosystem: "swift", What: "the Swift toolchain", Kind: Toolchain, SizeMB: 800,
		NotToolchain: func(tag string) bool { return hasPart(tag, "slim") }, Runtimes: []string{"swift:{v}-slim"}, RuntimeMB: 90,
		Env: []string{LinuxPathEnv, "SWIFT_SIGNING_KEY=0", "SWIFT_PLATFORM=ubuntu24.04", "SWIFT_BRANCH=swift-6.0.2-release", "SWIFT_VERSION=swift-6.0.2-RELEASE", "SWIFT_WEBROOT=https://download.swift.org"}},
}

// Ref is an image reference split into its parts.
type Ref struct {
	Repo   string // normalised: no docker.io/, no library/, lower case
	Tag    string // empty when none was written
	Digest string
}

// ParseRef normalises an image reference: docker.io/library/golang:1.22-alpine
// and golang:1.22-alpine both give Repo "golang", Tag "1.22-alpine". A
// --platform prefix or surrounding blanks are not expected.
func ParseRef(ref string) Ref {
	var r Ref
	ref = strings.TrimSpace(ref)
	if at := strings.IndexByte(ref, '@'); at >= 0 {
		ref, r.Digest = ref[:at], ref[at+1:]
	}
	if colon := strings.LastIndexByte(ref, ':'); colon > strings.LastIndexByte(ref, '/') {
		ref, r.Tag = ref[:colon], ref[colon+1:]
	}
	ref = strings.ToLower(ref)
	for _, p := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/", "registry.hub.docker.com/"} {
		ref = strings.TrimPrefix(ref, p)
	}
	ref = strings.TrimPrefix(ref, "library/")
	r.Repo = ref
	return r
}

// Match is what the table says about one reference.
type Match struct {
	Image   *Image
	Ref     Ref
	Version string // the language or JDK version read from the tag, if any
	SizeMB  int    // for this tag's variant
}

// Lookup finds ref in the table. It reports false for images that are not in
// the table and for tags that are not toolchains (eclipse-temurin:21-jre,
// node:20-slim, python:3.12-alpine, buildpack-deps:bookworm-curl).
func Lookup(ref string) (Match, bool) {
	r := ParseRef(ref)
	for _, img := range table {
		if img.Repo != r.Repo {
			continue
		}
		if img.NotToolchain != nil && img.NotToolchain(r.Tag) {
			return Match{}, false
		}
		m := Match{Image: img, Ref: r, Version: version(img, r.Tag), SizeMB: img.SizeMB}
		switch {
		case hasPart(r.Tag, "alpine") && img.AlpineMB > 0:
			m.SizeMB = img.AlpineMB
		case hasPart(r.Tag, "slim") && img.SlimMB > 0:
			m.SizeMB = img.SlimMB
		}
		return m, true
	}
	return Match{}, false
}

// Runtimes are the image's runtime counterparts with the version filled in
// (or the placeholder dropped when the tag has none).
func (m Match) Runtimes() []string {
	out := make([]string, 0, len(m.Image.Runtimes))
	v := m.Version
	if v == "" && m.Image.Ecosystem == "java" {
		v = "21" // the current LTS when the table was written
	}
	for _, rt := range m.Image.Runtimes {
		switch {
		case !strings.Contains(rt, "{v}"):
		case strings.Contains(rt, "distroless/java") && !distrolessJava[v]:
			continue // distroless ships only some Java versions
		case v != "":
			rt = strings.ReplaceAll(rt, "{v}", v)
		case strings.Contains(rt, ":{v}-"):
			rt = strings.ReplaceAll(rt, ":{v}-", ":")
		default:
			rt = strings.ReplaceAll(rt, ":{v}", "")
		}
		out = append(out, rt)
	}
	if m.Image.Ecosystem == "java" && hasPart(m.Ref.Tag, "alpine") {
		// An Alpine JDK's users want an Alpine JRE, not a glibc image.
		var alpine []string
		for _, rt := range out {
			if strings.HasPrefix(rt, "eclipse-temurin:") && strings.HasSuffix(rt, "-jre") {
				alpine = append(alpine, rt+"-alpine")
			}
		}
		if len(alpine) > 0 {
			out = alpine
		}
	}
	return out
}

var distrolessJava = map[string]bool{"17": true, "21": true, "25": true}

// SlimTag is the slim variant of a Full image's tag, for a mechanical fix:
// node:20 → node:20-slim, python:3.12-bookworm → python:3.12-slim-bookworm.
// It reports false when the tag has no obvious slim form.
func (m Match) SlimTag() (string, bool) {
	if m.Image.Kind != Full {
		return "", false
	}
	tag := m.Ref.Tag
	switch {
	case tag == "" || tag == "latest":
		return "slim", true
	case !versionTag().MatchString(tag) && !codenameTag().MatchString(tag):
		return "", false
	}
	v, suite, hasSuite := strings.Cut(tag, "-")
	if !hasSuite {
		return tag + "-slim", true
	}
	if !debianSuites[suite] {
		return "", false
	}
	if m.Image.Repo == "node" {
		return v + "-" + suite + "-slim", true
	}
	return v + "-slim-" + suite, true
}

var (
	versionTag  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]+(\.[0-9]+)*(-[a-z]+)?$`) })
	codenameTag = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(lts|current|[a-z]+)(-[a-z]+)?$`) })
	// versionPrefix is the leading version of a tag: 1.22 in 1.22.3-alpine.
	versionPrefix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]+(\.[0-9]+)?`) })
	// jdkVersion finds the Java version in maven/gradle tags: 3.9-eclipse-temurin-17, 8.7-jdk21.
	jdkVersion = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:jdk-?|temurin-|openjdk-|corretto-|sapmachine-)([0-9]+)`)
	})
)

var debianSuites = map[string]bool{"buster": true, "bullseye": true, "bookworm": true, "trixie": true, "forky": true}

// version reads the version a runtime suggestion should carry.
func version(img *Image, tag string) string {
	switch img.Repo {
	case "maven", "gradle":
		if m := jdkVersion().FindStringSubmatch(tag); m != nil {
			return m[1]
		}
		return ""
	case "buildpack-deps":
		for _, p := range strings.Split(tag, "-") {
			if debianSuites[p] {
				return p
			}
		}
		return "bookworm"
	case "eclipse-temurin", "openjdk", "amazoncorretto":
		v := versionPrefix().FindString(tag)
		v, _, _ = strings.Cut(v, ".") // 17.0.10 → 17
		if v == "1" {                 // 1.8 style
			return "8"
		}
		return v
	case "mcr.microsoft.com/dotnet/sdk", "mcr.microsoft.com/dotnet/core/sdk":
		v := versionPrefix().FindString(tag)
		if parts := strings.SplitN(v, ".", 3); len(parts) >= 2 {
			return parts[0] + "." + parts[1]
		}
		return v
	}
	return versionPrefix().FindString(tag)
}

// hasPart reports whether a dash-separated part of tag equals p or starts
// with it followed by a digit (alpine3.20).
func hasPart(tag, p string) bool {
	for _, part := range strings.Split(tag, "-") {
		if part == p || strings.HasPrefix(part, p) && len(part) > len(p) && (part[len(p)] >= '0' && part[len(p)] <= '9' || part[len(p)] == '.') {
			return true
		}
	}
	return false
}

func isJRE(tag string) bool { return hasPart(tag, "jre") }

func slimOrAlpine(tag string) bool {
	return hasPart(tag, "slim") || hasPart(tag, "alpine") || strings.Contains(tag, "windowsservercore") || strings.Contains(tag, "nanoserver")
}

// NonRoot reports whether an image is known to run as a non-root user by
// default, so a Dockerfile built on it needs no USER of its own: :nonroot
// tags (distroless, Azure Linux distroless), Chainguard images, the
// nginx-unprivileged images, Bitnami images and the .NET chiseled and
// distroless images (which set USER $APP_UID).
func NonRoot(ref string) bool {
	r := ParseRef(ref)
	switch {
	case hasPart(r.Tag, "nonroot"):
		return true
	case strings.HasPrefix(r.Repo, "cgr.dev/chainguard/") && !hasPart(r.Tag, "dev"):
		return true
	case strings.HasSuffix(r.Repo, "nginx-unprivileged"):
		return true
	case strings.HasPrefix(r.Repo, "bitnami/"):
		return true
	case strings.HasPrefix(r.Repo, "mcr.microsoft.com/dotnet/") && (hasPart(r.Tag, "chiseled") || hasPart(r.Tag, "distroless")):
		return true
	}
	for _, u := range nonRootImages {
		if r.Repo == u.repo || strings.HasSuffix(u.repo, "/") && strings.HasPrefix(r.Repo, u.repo) {
			return true
		}
	}
	return false
}

// nonRootImages are images whose own Dockerfile ends with a non-root USER.
// Dated December 2026; source: each project's published Dockerfile as known
// then (not pulled here: no network), so recheck an entry when its image
// changes. The user is noted for the reader. Entries ending in "/" cover
// every repository under them. An image missing here is unknown, not root.
var nonRootImages = []struct{ repo, user string }{
	{"grafana/k6", "12345 (k6)"},
	{"grafana/grafana", "472"},
	{"grafana/grafana-oss", "472"},
	{"grafana/loki", "10001"},
	{"prom/prometheus", "nobody"},
	{"prom/alertmanager", "nobody"},
	{"prom/node-exporter", "nobody"},
	{"prom/pushgateway", "nobody"},
	{"quay.io/prometheus/", "nobody"},
	{"jenkins/jenkins", "jenkins"},
	{"jenkins/inbound-agent", "jenkins"},
	{"sonatype/nexus3", "nexus"},
	{"jupyter/", "jovyan (NB_UID)"},
	{"quay.io/jupyter/", "jovyan (NB_UID)"},
	{"selenium/", "seluser"},
	{"apache/airflow", "airflow"},
	{"quay.io/keycloak/keycloak", "1000"},
	{"docker.elastic.co/elasticsearch/elasticsearch", "1000 (elasticsearch)"},
	{"docker.elastic.co/kibana/kibana", "1000 (kibana)"},
	{"registry.access.redhat.com/ubi8/openjdk-17", "185"},
	{"registry.access.redhat.com/ubi9/openjdk-17", "185"},
	{"registry.access.redhat.com/ubi8/nodejs-18", "1001"},
	{"registry.access.redhat.com/ubi9/nodejs-20", "1001"},
	{"registry.access.redhat.com/ubi9/python-311", "1001"},
}

// Interpreted reports whether ref is a runtime for an interpreted language,
// where the application's sources are what runs (python, node, ruby, php and
// their distroless forms).
func Interpreted(ref string) bool {
	r := ParseRef(ref)
	repo := r.Repo
	if i := strings.LastIndexByte(repo, '/'); i >= 0 {
		repo = repo[i+1:]
	}
	for _, p := range []string{"python", "node", "ruby", "php", "perl", "nodejs", "bun", "deno", "openresty", "nginx", "httpd"} {
		if repo == p || strings.HasPrefix(repo, p) {
			return true
		}
	}
	return false
}

// DebianByDefault reports the official images whose untagged variants are
// built on Debian.
func DebianByDefault(repo string) bool { return debianByDefault[repo] }

var debianByDefault = map[string]bool{
	"golang": true, "node": true, "python": true, "rust": true, "gcc": true, "buildpack-deps": true,
	"ruby": true, "php": true, "haskell": true, "perl": true, "openjdk": true,
}

// Known is a well-known image with tags worth proposing in FROM.
type Known struct {
	Repo    string // as written in FROM: "golang", "gcr.io/distroless/static-debian12"
	Summary string
	Runtime bool // a small image meant to run a finished program
	// Tags are examples current when the table was written (2025); newer tags
	// exist, and the registry is the authority.
	Tags []string
}

// KnownImages lists well-known base and runtime images, for completion and
// hover in FROM. The tags are examples
// current in 2025; new ones appear with every release.
var KnownImages = []Known{
	{Repo: "alpine", Summary: "small Linux distribution based on musl and BusyBox", Runtime: true, Tags: []string{"3.22", "3.21", "3.20", "latest", "edge"}},
	{Repo: "debian", Summary: "Debian", Tags: []string{"bookworm-slim", "bookworm", "trixie-slim", "trixie", "12-slim", "12", "13-slim", "13"}},
	{Repo: "ubuntu", Summary: "Ubuntu", Tags: []string{"24.04", "22.04", "noble", "jammy", "latest"}},
	{Repo: "busybox", Summary: "BusyBox utilities on a tiny image", Runtime: true, Tags: []string{"stable", "musl", "glibc", "latest"}},
	{Repo: "scratch", Summary: "the empty image, for static binaries", Runtime: true},
	{Repo: "gcr.io/distroless/static-debian12", Summary: "distroless: CA certificates and tzdata, no libc, for static binaries", Runtime: true, Tags: []string{"latest", "nonroot", "debug"}},
	{Repo: "gcr.io/distroless/base-debian12", Summary: "distroless with glibc and OpenSSL", Runtime: true, Tags: []string{"latest", "nonroot", "debug"}},
	{Repo: "gcr.io/distroless/cc-debian12", Summary: "distroless with glibc and libstdc++, for C, C++ and Rust programs", Runtime: true, Tags: []string{"latest", "nonroot", "debug"}},
	{Repo: "gcr.io/distroless/java21-debian12", Summary: "distroless Java 21 runtime", Runtime: true, Tags: []string{"latest", "nonroot"}},
	{Repo: "gcr.io/distroless/nodejs22-debian12", Summary: "distroless Node.js 22 runtime", Runtime: true, Tags: []string{"latest", "nonroot"}},
	{Repo: "gcr.io/distroless/python3-debian12", Summary: "distroless Python 3 runtime", Runtime: true, Tags: []string{"latest", "nonroot"}},
	{Repo: "cgr.dev/chainguard/static", Summary: "Chainguard's minimal image for static binaries", Runtime: true, Tags: []string{"latest"}},
	{Repo: "golang", Summary: "Go toolchain", Tags: []string{"1.25", "1.25-alpine", "1.25-bookworm", "1.24", "1.24-alpine", "alpine", "latest"}},
	{Repo: "rust", Summary: "Rust toolchain", Tags: []string{"1", "1-slim", "1-alpine", "slim", "alpine", "latest"}},
	{Repo: "gcc", Summary: "GNU compiler collection", Tags: []string{"14", "13", "latest"}},
	{Repo: "node", Summary: "Node.js with npm and Yarn", Tags: []string{"22", "22-slim", "22-alpine", "24", "24-slim", "24-alpine", "lts", "lts-slim", "lts-alpine"}},
	{Repo: "python", Summary: "Python", Tags: []string{"3.13", "3.13-slim", "3.13-alpine", "3.12", "3.12-slim", "3.12-alpine", "3-slim"}},
	{Repo: "ruby", Summary: "Ruby", Tags: []string{"3.4", "3.4-slim", "3.4-alpine", "3.3-slim"}},
	{Repo: "php", Summary: "PHP", Tags: []string{"8.4-cli", "8.4-fpm", "8.4-apache", "8.3-fpm", "8.3-apache", "8.4-fpm-alpine"}},
	{Repo: "eclipse-temurin", Summary: "Eclipse Temurin OpenJDK builds (jdk to build, jre to run)", Tags: []string{"21-jdk", "21-jre", "21-jre-alpine", "17-jdk", "17-jre", "25-jdk", "25-jre"}},
	{Repo: "maven", Summary: "Maven with a JDK", Tags: []string{"3.9-eclipse-temurin-21", "3.9-eclipse-temurin-17", "3-eclipse-temurin-21-alpine"}},
	{Repo: "gradle", Summary: "Gradle with a JDK", Tags: []string{"8-jdk21", "8-jdk17", "jdk21-alpine"}},
	{Repo: "mcr.microsoft.com/dotnet/sdk", Summary: ".NET SDK, to build", Tags: []string{"9.0", "8.0", "9.0-alpine", "8.0-alpine"}},
	{Repo: "mcr.microsoft.com/dotnet/aspnet", Summary: "ASP.NET Core runtime", Runtime: true, Tags: []string{"9.0", "8.0", "9.0-alpine", "8.0-alpine", "8.0-noble-chiseled"}},
	{Repo: "mcr.microsoft.com/dotnet/runtime", Summary: ".NET runtime", Runtime: true, Tags: []string{"9.0", "8.0", "9.0-alpine", "8.0-alpine"}},
	{Repo: "mcr.microsoft.com/dotnet/runtime-deps", Summary: "native dependencies of self-contained .NET apps", Runtime: true, Tags: []string{"9.0", "8.0", "8.0-noble-chiseled"}},
	{Repo: "nginx", Summary: "nginx web server", Runtime: true, Tags: []string{"stable", "stable-alpine", "mainline", "alpine", "latest"}},
	{Repo: "httpd", Summary: "Apache HTTP server", Runtime: true, Tags: []string{"2.4", "2.4-alpine"}},
	{Repo: "postgres", Summary: "PostgreSQL", Tags: []string{"17", "17-alpine", "16", "16-alpine"}},
	{Repo: "redis", Summary: "Redis", Tags: []string{"8", "7", "7-alpine"}},
	{Repo: "buildpack-deps", Summary: "Debian with compilers and development headers (the base of the official language images)", Tags: []string{"bookworm", "bookworm-curl", "bookworm-scm", "trixie"}},
	{Repo: "docker", Summary: "the Docker CLI (dind: Docker in Docker)", Tags: []string{"cli", "dind", "latest"}},
}

// KnownImage looks up a well-known image by repository as written in FROM
// (docker.io/ and library/ prefixes are ignored).
func KnownImage(repo string) (Known, bool) {
	repo = normaliseRepo(repo)
	for _, im := range KnownImages {
		if im.Repo == repo {
			return im, true
		}
	}
	return Known{}, false
}

func normaliseRepo(repo string) string {
	repo = strings.ToLower(repo)
	repo = strings.TrimPrefix(repo, "docker.io/")
	repo = strings.TrimPrefix(repo, "index.docker.io/")
	return strings.TrimPrefix(repo, "library/")
}
