package facts

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/docs"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// CacheMount is a directory a command downloads into or builds a cache in,
// which a RUN --mount=type=cache keeps between builds and out of the image.
type CacheMount struct {
	Target  string // absolute
	Sharing string // "locked" when concurrent builds must not share it (apt), else ""
	ID      string // a cache id, when the target alone would collide
}

// CacheMounts are the cache directories of command c, run by user (""
// or root for root): the one table of where each package manager and
// build tool keeps what it downloads. It follows the variables that move
// them (GOPATH, GOMODCACHE, GOCACHE, npm_config_cache, YARN_CACHE_FOLDER,
// PNPM_HOME, PIP_CACHE_DIR, UV_CACHE_DIR, GRADLE_USER_HOME, CARGO_HOME,
// HOME). ok is false for a command that caches nothing known, and for a
// user other than root whose HOME is unknown (a cache mount belongs to root
// unless told otherwise).
func CacheMounts(c Command, user string) ([]CacheMount, bool) {
	if len(c.Words) == 0 {
		return nil, false
	}
	home, ok := c.Var("HOME")
	if !ok {
		if user != "" && user != "root" && user != "0" && !strings.HasPrefix(user, "0:") && !strings.HasPrefix(user, "root:") {
			return nil, false
		}
		home = "/root"
	}
	or := func(name, def string) string {
		if v, ok := c.Var(name); ok && v != "" && !strings.Contains(v, "$") {
			return Resolve("/", v)
		}
		return def
	}
	vals := c.Values()
	first := at(vals, 0)
	var out []CacheMount
	switch name := c.Name(); {
	case name == "go" || name == "xx-go":
		switch first {
		case "mod", "build", "install", "test", "generate", "run", "get", "vet":
		default:
			return nil, false
		}
		if first == "mod" && at(vals, 1) != "download" {
			return nil, false
		}
		gopath := home + "/go"
		if p, ok := c.Env.Get("PATH"); ok && strings.Contains(p, "/go/bin") {
			gopath = "/go" // the golang images
		}
		gopath = or("GOPATH", gopath)
		out = append(out, CacheMount{Target: or("GOMODCACHE", gopath+"/pkg/mod")})
		if first != "mod" {
			out = append(out, CacheMount{Target: or("GOCACHE", home+"/.cache/go-build")})
		}
	case name == "npm":
		if first != "ci" && first != "install" && first != "i" {
			return nil, false
		}
		out = append(out, CacheMount{Target: or("npm_config_cache", or("NPM_CONFIG_CACHE", home+"/.npm"))})
	case name == "yarn":
		if first != "" && first != "install" {
			return nil, false
		}
		// Yarn 1 keeps its cache in /usr/local/share/.cache/yarn for root
		// in the node images; Yarn 2+ in ~/.yarn/berry/cache.
		out = append(out, CacheMount{Target: or("YARN_CACHE_FOLDER", "/usr/local/share/.cache/yarn")},
			CacheMount{Target: home + "/.yarn/berry/cache"})
	case name == "pnpm":
		if first != "install" && first != "i" && first != "fetch" {
			return nil, false
		}
		store := home + "/.local/share/pnpm/store"
		if p, ok := c.Var("PNPM_HOME"); ok && p != "" && !strings.Contains(p, "$") {
			store = Resolve("/", p) + "/store"
		}
		out = append(out, CacheMount{Target: store, ID: "pnpm"})
	case isPip(name) || isPython(name) && wordAt(c, 1) == "-m" && isPip(wordAt(c, 2)):
		if !c.Has("install", "wheel", "download") {
			return nil, false
		}
		out = append(out, CacheMount{Target: or("PIP_CACHE_DIR", home+"/.cache/pip")})
	case name == "uv":
		if first != "pip" && first != "sync" && first != "add" && first != "tool" {
			return nil, false
		}
		out = append(out, CacheMount{Target: or("UV_CACHE_DIR", home+"/.cache/uv")})
	case name == "mvn" || name == "mvnw" || strings.HasSuffix(name, "/mvnw"):
		out = append(out, CacheMount{Target: home + "/.m2"})
	case name == "gradle" || name == "gradlew" || strings.HasSuffix(name, "/gradlew"):
		out = append(out, CacheMount{Target: or("GRADLE_USER_HOME", home+"/.gradle")})
	case name == "cargo" || name == "xx-cargo":
		switch first {
		case "build", "install", "fetch", "rustc", "test":
		default:
			return nil, false
		}
		def := home + "/.cargo"
		if p, ok := c.Env.Get("PATH"); ok && strings.Contains(p, "/usr/local/cargo/bin") {
			def = "/usr/local/cargo" // the rust images
		}
		ch := or("CARGO_HOME", def)
		out = append(out, CacheMount{Target: ch + "/registry"}, CacheMount{Target: ch + "/git"})
	case name == "apt-get" || name == "apt":
		if first != "update" && first != "install" && first != "upgrade" && first != "dist-upgrade" {
			return nil, false
		}
		out = append(out, CacheMount{Target: "/var/cache/apt", Sharing: "locked"}, CacheMount{Target: "/var/lib/apt", Sharing: "locked"})
	default:
		return nil, false
	}
	return out, true
}

// wordAt is the value of the i-th word of c, or "".
func wordAt(c Command, i int) string {
	if i < len(c.Words) {
		return c.Words[i].Value
	}
	return ""
}

// CacheMountTargets are the targets of RUN n's --mount=type=cache flags.
func CacheMountTargets(n syntax.Node) []string { return MountTargets(n, "cache") }

// MountTargets are the targets of RUN n's --mount flags of the given types
// (a mount without a type is a bind mount).
func MountTargets(n syntax.Node, types ...string) []string {
	var out []string
	for _, f := range n.Flags() {
		if f.Name != "mount" {
			continue
		}
		typ, target := "bind", ""
		for _, kv := range f.Fields {
			switch docs.CanonicalMountKey(kv.Key) {
			case "type":
				typ = kv.Value
			case "target":
				target = kv.Value
			}
		}
		for _, t := range types {
			if typ == t {
				out = append(out, target)
			}
		}
	}
	return out
}
