package refactor

import "strings"

// plan is what a recipe decides; assemble turns it into text.
type plan struct {
	recipe string // "go", "node-static", ... (see recipes)
	what   string // for the title: "Go binary"
	rt     runtimeImage
	copies []copyLine
	// buildBefore and buildAfter insert lines into the build stage before a
	// body node (and its comments) or after it, by node index.
	buildBefore map[int][]string
	buildAfter  map[int][]string
	// runtimeEnv are generated lines right after the runtime WORKDIR.
	runtimeEnv []string
	// runtimeSetup are generated lines before the COPY --from lines.
	runtimeSetup []string
	// afterCopies are generated lines after the COPY --from lines.
	afterCopies []string
	// drop are body nodes that have no place in the runtime image; they are
	// written into it as comments that give the reason.
	drop map[int]string
	// noDupEnv: ENV from the build does not apply to the runtime (nginx).
	noDupEnv bool
	// noPackages: the runtime image needs none of the build's packages.
	noPackages bool
	// packages are installed in the runtime stage besides those derived
	// from the build's installs (CA certificates for a Go program).
	packages []string
	// noUser: USER does not carry over (nginx runs as its own user).
	noUser bool
	// workdir overrides the runtime stage's WORKDIR ("-" for none).
	workdir string
	notes   []string // comments at the top of the runtime stage
	// hoisted are build-stage RUNs written above the COPY of the whole
	// context instead of at their place (see depsFirst).
	hoisted map[int]bool
	// buildPlatform: the build stage runs on $BUILDPLATFORM and
	// cross-compiles, with buildInserts written into its instructions.
	buildPlatform bool
	buildInserts  []textInsert
}

// textInsert is text written at an offset of the original file.
type textInsert struct {
	at   int
	text string
}

// copyLine is one COPY --from=build SRC DST of the runtime stage.
type copyLine struct {
	src, dst    string
	placeholder bool   // src is a placeholder the user must replace
	comment     string // a comment line above it, if any
}

func (p *plan) before(i int, lines ...string) {
	if p.buildBefore == nil {
		p.buildBefore = map[int][]string{}
	}
	p.buildBefore[i] = append(p.buildBefore[i], lines...)
}

func (p *plan) after(i int, lines ...string) {
	if p.buildAfter == nil {
		p.buildAfter = map[int][]string{}
	}
	p.buildAfter[i] = append(p.buildAfter[i], lines...)
}

func (p *plan) dropNode(i int, reason string) {
	if p.drop == nil {
		p.drop = map[int]string{}
	}
	p.drop[i] = reason
}

// copyPath copies an absolute path to the same place in the runtime image,
// so that every path the image's command uses stays valid.
func (p *plan) copyPath(abs string) {
	for _, c := range p.copies {
		if c.src == abs {
			return
		}
	}
	dst := abs
	if strings.ContainsAny(abs, "*?[") {
		dst = dirOf(abs) + "/"
	}
	p.copies = append(p.copies, copyLine{src: abs, dst: dst})
}

// onPath are directories every runtime image has in PATH.
var onPath = map[string]bool{"/usr/local/sbin": true, "/usr/local/bin": true, "/usr/sbin": true, "/usr/bin": true, "/sbin": true, "/bin": true}

// artifact copies a built file; when the image starts it by a bare name
// from a directory only the build image has in PATH (/go/bin,
// /usr/local/cargo/bin), it goes to /usr/local/bin instead.
func (sf *stageFacts) artifact(p *plan, abs string) {
	prog := base(abs)
	if sf.entryUses(prog) && !onPath[dirOf(abs)] {
		for _, c := range p.copies {
			if c.src == abs {
				return
			}
		}
		p.copies = append(p.copies, copyLine{src: abs, dst: "/usr/local/bin/" + prog})
		return
	}
	p.copyPath(abs)
}

// entryUses reports whether the image's command runs name by a bare name
// (looked up in PATH), as its program or as an argument (tini -- app).
func (sf *stageFacts) entryUses(name string) bool {
	if name == "" {
		return false
	}
	for _, w := range append([]string{sf.entry.prog}, sf.entry.words...) {
		if w == name {
			return true
		}
	}
	return false
}

// dirOf is the directory of an absolute path ("/" for a top-level entry).
func dirOf(p string) string {
	i := strings.LastIndexByte(strings.TrimRight(p, "/"), '/')
	if i <= 0 {
		return ""
	}
	return p[:i]
}

// runtimeImage is the base of the runtime stage and what it offers.
type runtimeImage struct {
	ref    string // as written after FROM; may use a global ARG
	family string // package manager: "apt", "apk", "" for none
	shell  bool
	users  map[string]bool // users the image defines
	has    map[string]bool // packages already installed
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// describeRuntime says what a runtime image offers, from its name.
func describeRuntime(ref string) runtimeImage {
	r := runtimeImage{ref: ref, users: set("root", "nobody")}
	name, tag, _ := strings.Cut(ref, ":")
	switch {
	case strings.HasPrefix(name, "gcr.io/distroless/"):
		r.users["nonroot"] = true
		r.has = set("ca-certificates", "tzdata", "libssl3", "openssl", "netbase")
	case name == "alpine":
		r.family, r.shell = "apk", true
		r.has = set("wget", "busybox", "zlib", "libssl3", "ca-certificates-bundle")
	case name == "nginx" || strings.HasSuffix(name, "/nginx"):
		r.family, r.shell = "apt", true
		if strings.Contains(tag, "alpine") {
			r.family = "apk"
		}
		r.users["nginx"] = true
		r.has = set("curl", "ca-certificates", "tzdata")
	case name == "node":
		r.family, r.shell = familyOfTag(tag), true
		r.users["node"] = true
		r.has = set("yarn")
	case name == "python":
		r.family, r.shell = familyOfTag(tag), true
		r.has = set("ca-certificates", "libssl3", "netbase", "tzdata", "libffi8", "libsqlite3-0", "libbz2-1.0", "liblzma5", "zlib1g", "libreadline8", "libncursesw6")
	case name == "eclipse-temurin" || name == "sapmachine" || strings.HasPrefix(name, "ibm-semeru"):
		r.family, r.shell = familyOfTag(tag), true
		if r.family == "apt" && !strings.Contains(tag, "alpine") {
			r.has = set("curl", "wget", "ca-certificates", "tzdata", "fontconfig")
		}
	case strings.HasPrefix(name, "mcr.microsoft.com/dotnet/"):
		r.family, r.shell = familyOfTag(tag), true
		r.users["app"] = true
		r.has = set("ca-certificates", "tzdata", "libssl3")
	case name == "debian" || name == "ubuntu":
		r.family, r.shell = "apt", true
		r.users["www-data"] = true
		r.has = set("zlib1g")
	default:
		// The build's own base reused: it has what the build found there.
		r.family, r.shell = familyOfTag(tag), true
	}
	return r
}

func familyOfTag(tag string) string {
	if strings.Contains(tag, "alpine") {
		return "apk"
	}
	return "apt"
}

// pkgFamily is the package manager of an image family.
func pkgFamily(family string) string {
	switch family {
	case "alpine":
		return "apk"
	case "debian", "ubuntu":
		return "apt"
	}
	return ""
}
