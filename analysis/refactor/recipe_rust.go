package refactor

import "strings"

// planRust: `cargo build --release` → target/release/<name> on a distroless
// image with libgcc (or slim Debian when a shell is needed); `cargo install`
// → $CARGO_HOME/bin/<name>.
func planRust(sf *stageFacts) (*plan, bool) {
	p := &plan{recipe: "rust", what: "Rust binary"}
	built := false
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
