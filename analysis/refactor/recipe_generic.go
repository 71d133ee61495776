package refactor

// planGeneric: something is built that no recipe understands. Both stages
// use the original base (or its runtime counterpart) and the artifact path
// is a placeholder to fill in.
func planGeneric(sf *stageFacts) (*plan, bool) {
	built := false
	for _, c := range sf.commands() {
		if c.compiles() {
			built = true
		}
	}
	if !built {
		return nil, false
	}
	p := &plan{recipe: "generic", what: "build output"}
	cp := placeholderCopy(sf, "the files the program needs at run time")
	if ep := sf.entryPath(); ep != "" {
		cp.src, cp.dst = ep, ep
		cp.comment = "TODO(dockerfile-lsp): check that this is everything the program needs from the build stage"
	}
	p.copies = append(p.copies, cp)
	ref := sf.base.raw
	if sf.base.known {
		if rts := sf.base.match.Runtimes(); len(rts) > 0 {
			ref = sf.keepVersionArgs(rts[0])
		}
	}
	p.rt = describeRuntime(ref)
	sf.finishRuntime(p, "")
	return p, true
}
