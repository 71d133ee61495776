package refactor

import "strings"

// planRust: `cargo build --release` → target/release/<name> on a distroless
// image with libgcc (or slim Debian when a shell is needed); `cargo install`
// → $CARGO_HOME/bin/<name>.
func planRust(sf *stageFacts) (*plan, bool) {
	p := &plan{recipe: "rust", what: "Rust binary"}
	built := false
	for _, c := range sf.commands() {
		if c.Name() != "cargo" {
			continue
		}
		vals := c.Values()
		if len(vals) == 0 || vals[0] != "build" && vals[0] != "install" {
			continue
		}
		if vals[0] == "install" {
			if _, local := c.Option("--path"); !local && !c.Has("--path") {
				// cargo install <crate>: a tool, unless it is what the image runs.
				if len(vals) < 2 || base(sf.entry.prog) != vals[1] {
					continue
				}
			}
		}
		built = true
		for _, out := range sf.cargoOutputs(c, vals[0]) {
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

// cargoOutputs are the binaries a cargo build or install writes.
func (sf *stageFacts) cargoOutputs(c cmdAt, sub string) []string {
	off := c.node.n.Offset
	var bins []string
	ws := c.Words
	for i := 1; i < len(ws); i++ {
		if ws[i].Value == "--bin" && i+1 < len(ws) {
			bins = append(bins, ws[i+1].Value)
		} else if v, ok := strings.CutPrefix(ws[i].Value, "--bin="); ok {
			bins = append(bins, v)
		}
	}
	if len(bins) == 0 && sf.entry.prog != "" {
		bins = []string{base(sf.entry.prog)}
	}
	var dir string
	if sub == "install" {
		root, ok := c.Option("--root")
		if !ok {
			root, ok = sf.varValue("CARGO_INSTALL_ROOT", off)
		}
		if !ok {
			if root, ok = sf.varValue("CARGO_HOME", off); !ok {
				root = "/usr/local/cargo" // the rust image's CARGO_HOME
			}
		}
		dir = sf.resolve(c.Dir, sf.expand(root, off)) + "/bin"
	} else {
		target, ok := c.Option("--target-dir")
		if !ok {
			target, ok = c.Assigned("CARGO_TARGET_DIR")
		}
		if !ok {
			if target, ok = sf.varValue("CARGO_TARGET_DIR", off); !ok {
				target = "target"
			}
		}
		manifestDir := c.Dir
		if mp, ok := c.Option("--manifest-path"); ok {
			manifestDir = dirOf(sf.resolve(c.Dir, mp))
		}
		dir = sf.resolve(manifestDir, sf.expand(target, off))
		if triple, ok := c.Option("--target"); ok {
			dir += "/" + triple
		}
		profile := "debug"
		switch {
		case c.Has("--release", "-r"):
			profile = "release"
		default:
			if pr, ok := c.Option("--profile"); ok && pr != "dev" {
				profile = pr
			}
		}
		dir += "/" + profile
	}
	var out []string
	for _, b := range bins {
		if p := dir + "/" + b; !strings.Contains(p, "$") {
			out = append(out, p)
		}
	}
	return out
}
