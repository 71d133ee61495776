package refactor

import (
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
)

// planRust: `cargo build --release` → target/release/<name> on a distroless
// image with libgcc (or slim Debian when a shell is needed); `cargo install`
// → $CARGO_HOME/bin/<name>.
func planRust(sf *stageFacts) (*plan, bool) {
	p := &plan{recipe: "rust", what: "Rust binary"}
	built := false
	var builds []cmdAt
	for _, c := range sf.commands() {
		if !c.compiles() || c.build.Tool != "cargo" {
			continue
		}
		vals := c.Values()
		if vals[0] == "install" {
			if _, local := c.Option("--path"); !local && !c.Has("--path") {
				// cargo install <crate>: a tool, unless it is what the image runs.
				if len(vals) < 2 || base(sf.entry.prog) != vals[1] {
					continue
				}
			}
		}
		built = true
		builds = append(builds, c)
		for _, out := range sf.cargoOutputs(c) {
			sf.artifact(p, out)
		}
	}
	if !built {
		return nil, false
	}
	if ep := sf.entryPath(); ep != "" && !sf.coveredBy(p, ep) && strings.Contains(ep, "/target/") {
		p.copyPath(ep)
	}
	if len(p.copies) == 0 {
		p.copies = append(p.copies, placeholderCopy(sf, "the binary cargo builds (target/release/<name>)"))
	}
	sf.crossCompileRust(p, builds)
	if sf.base.family == "alpine" {
		p.rt = describeRuntime(sf.alpineImage())
		sf.finishRuntime(p, "")
	} else {
		ref := sf.distroless("cc")
		if ref == "" {
			ref = sf.debianSlim()
		}
		p.rt = describeRuntime(ref)
		sf.finishRuntime(p, sf.debianSlim())
	}
	if p.rt.family == "apt" {
		p.packages = append(p.packages, "ca-certificates")
	}
	return p, true
}

// crossCompileRust: in a file built for several platforms, cargo build
// runs on $BUILDPLATFORM and cross-compiles for the target with
// tonistiigi/xx: its helpers are copied in, the target's C toolchain (the
// linker and libc) installed, and xx-cargo builds. xx-cargo writes
// target/<triple>/release, so the same RUN copies each binary to /out (the
// target directory may be a cache mount), and the runtime stage copies it
// from there to where the image used to find it. Only plain cargo build
// commands whose binaries are all known are rewritten; a pinned --platform
// is the author's choice.
func (sf *stageFacts) crossCompileRust(p *plan, builds []cmdAt) {
	if len(builds) == 0 || !facts.MultiPlatform(sf.f.Text) {
		return
	}
	if _, pinned := sf.st.From.Flag("platform"); pinned {
		return
	}
	var toolchain string
	switch pkgFamily(sf.base.family) {
	case "apk":
		toolchain = "xx-apk add --no-cache gcc musl-dev"
	case "apt":
		toolchain = "xx-apt-get install -y gcc libc6-dev"
	default:
		return
	}
	cross := map[string]string{} // native output → the path xx-cargo writes
	var ins []textInsert
	for _, c := range builds {
		if c.Words[0].Value != "cargo" || c.Values()[0] != "build" || c.node.n.IsJSON() || c.Has("--target") {
			return
		}
		if c.Op != "" && c.Op != "&&" && c.Op != ";" && c.Op != "\n" {
			return // a pipe or a background job: appending a copy would change it
		}
		var srcs []string
		for _, out := range sf.cargoOutputs(c) {
			dir := path.Dir(out)
			if profile := path.Base(dir); profile != "release" && profile != "debug" {
				return
			}
			cross[out] = path.Join(path.Dir(dir), facts.XXRustTriple, path.Base(dir), path.Base(out))
			srcs = append(srcs, cross[out])
		}
		if len(srcs) == 0 {
			return
		}
		ins = append(ins,
			textInsert{at: c.WordRange(c.Words[0]).Start, text: "xx-"},
			textInsert{at: c.Range().End, text: " && mkdir -p /out && cp " + strings.Join(srcs, " ") + " /out/"})
	}
	for _, cp := range p.copies {
		if _, ok := cross[cp.src]; !ok {
			return // a copy of a path the cross build does not write
		}
	}
	for i, cp := range p.copies {
		p.copies[i].src = "/out/" + path.Base(cp.src)
	}
	first := builds[0].node
	lines := []string{sf.style.line("COPY", "--from="+facts.XXImage+" / /")}
	if missing := sf.undeclaredArgs(facts.XXTargetArgs, first.n.Offset); len(missing) > 0 {
		lines = append(lines, sf.style.line("ARG", strings.Join(missing, " ")))
	}
	lines = append(lines, sf.style.line("RUN", toolchain))
	p.before(first.i, lines...)
	p.buildPlatform, p.buildInserts = true, ins
}

// cargoOutputs are the binaries a cargo build, rustc or install writes,
// from the facts layer; a binary the facts leave unnamed is taken to be the
// program the image runs.
func (sf *stageFacts) cargoOutputs(c cmdAt) []string {
	var out []string
	for _, o := range c.build.Outputs {
		p := o.Path
		if strings.HasSuffix(p, "/*") {
			if sf.entry.prog == "" {
				continue
			}
			p = strings.TrimSuffix(p, "*") + base(sf.entry.prog)
		}
		if !strings.ContainsAny(p, "$*") {
			out = append(out, p)
		}
	}
	return out
}
