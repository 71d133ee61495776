package refactor

import (
	"strconv"
	"strings"
)

// systemPrefix are install prefixes shared with the system: only the
// program is copied from them.
var systemPrefix = map[string]bool{"/": true, "/usr": true, "/usr/local": true}

var cCompilers = map[string]bool{"gcc": true, "g++": true, "cc": true, "c++": true, "clang": true, "clang++": true}

// planC: make, cmake or a compiler → slim Debian or Alpine with the program
// and the run-time libraries of the -dev packages the build used.
func planC(sf *stageFacts) (*plan, bool) {
	p := &plan{recipe: "c", what: "program"}
	built, cxx := false, false
	prefix, cmakePrefix, configurePrefix := "", "", ""
	for _, c := range sf.commands() {
		name := c.Name()
		switch {
		case cCompilers[name]:
			built = true
			cxx = cxx || strings.Contains(name, "++")
			if c.Has("-c", "-E", "-S", "--version", "-v") {
				continue
			}
			if out, ok := c.Option("-o"); ok {
				sf.artifact(p, sf.resolve(c.Dir, sf.expand(out, c.node.n.Offset)))
			} else if len(c.Values()) > 0 {
				sf.artifact(p, sf.resolve(c.Dir, "a.out"))
			}
		case name == "configure":
			if v, ok := c.Option("--prefix"); ok {
				configurePrefix = sf.expand(v, c.node.n.Offset)
			}
		case c.compiles() && (c.build.Tool == "make" || c.build.Tool == "ninja" || c.build.Tool == "meson"):
			built = true
			if c.Has("install") {
				prefix = or(configurePrefix, "/usr/local")
				for _, v := range c.Values() {
					if k, val, ok := strings.Cut(v, "="); ok && (k == "PREFIX" || k == "prefix") {
						prefix = val
					}
				}
			}
		case name == "cmake":
			built = true
			cxx = true // CMake projects are mostly C++
			for _, w := range c.Words[1:] {
				if v, ok := strings.CutPrefix(w.Value, "-DCMAKE_INSTALL_PREFIX="); ok {
					cmakePrefix = v
				}
			}
			if _, ok := c.Option("--install"); ok {
				prefix = or(cmakePrefix, "/usr/local")
				if pr, ok := c.Option("--prefix"); ok {
					prefix = pr
				}
			}
		}
	}
	if !built {
		return nil, false
	}
	prog := sf.entry.prog
	if prefix != "" && !strings.Contains(prefix, "$") && !systemPrefix[sf.resolve("/", prefix)] {
		// A prefix of its own (/opt/nagios): the whole installation.
		dir := sf.resolve("/", prefix)
		p.copyPath(dir)
		if prog != "" && !isPath(prog) {
			p.runtimeEnv = append(p.runtimeEnv, sf.style.line("ENV", `PATH="`+dir+`/bin:$PATH"`))
		}
	}
	switch {
	case isPath(prog):
		if ep := sf.entryPath(); !sf.coveredBy(p, ep) {
			p.copyPath(ep)
		}
	case prog != "" && prefix != "" && !sf.coveredBy(p, sf.resolve("/", prefix)+"/bin/"+prog):
		p.copyPath(sf.resolve("/", prefix) + "/bin/" + prog)
		p.notes = append(p.notes, "make install may also have put libraries or data under "+prefix+": copy them too if the program needs them")
	}
	if len(p.copies) == 0 {
		p.copies = append(p.copies, placeholderCopy(sf, "the program the build produces"))
	}
	ref := ""
	switch {
	case sf.base.family == "alpine":
		ref = sf.alpineImage()
	case sf.base.ref.Repo == "debian" || sf.base.ref.Repo == "ubuntu" || sf.base.family == "":
		// A plain distribution, or one we do not know: the same one,
		// without the compilers.
		ref = sf.base.raw
	default:
		ref = sf.debianSlim()
	}
	if sf.base.ref.Repo == "gcc" && cxx {
		if v, err := strconv.Atoi(strings.SplitN(sf.base.ref.Tag, ".", 2)[0]); err == nil && v > 12 {
			p.notes = append(p.notes, "a C++ program built by GCC "+strconv.Itoa(v)+" may need a newer libstdc++ than Debian's: if it fails to start, also copy /usr/local/lib64/libstdc++.so.6* from the build stage")
		}
	}
	p.rt = describeRuntime(ref)
	sf.finishRuntime(p, "")
	return p, true
}
