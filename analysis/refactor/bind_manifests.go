package refactor

import (
	"path"
	"strconv"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// bindManifestsActions offers "Bind-mount the manifests" on a
// `go mod download`, `npm ci` or `pip install -r` whose manifests a COPY
// right before brings in only for it (a later COPY of the whole context
// brings them again): the RUN mounts them from the context instead
// (--mount=type=bind), and the COPY, no longer needed, becomes a comment.
// The layer the COPY made disappears and the step's cache still depends on
// the manifests' content only.
func bindManifestsActions(q *query) []Action {
	fs := q.stageFacts()
	if fs == nil {
		return nil
	}
	run := fs.StepAt(q.sel.Start)
	if run == nil || run.Run == nil || run.Node.IsJSON() {
		return nil
	}
	i := stepIndex(fs, run)
	if i < 1 {
		return nil
	}
	cp := copyOf(fs, fs.Steps[i-1])
	if cp == nil || !manifestsOnly(q.f.Text, cp, run) || !installsFrom(run.Run, cp) || !copiedAgain(fs, i, cp.Dest) {
		return nil
	}
	srcs := cp.Node.Args()
	srcs = srcs[:len(srcs)-1]
	return []Action{{
		ID:    "bind-manifests:" + strconv.Itoa(run.Node.Offset),
		Title: "Bind-mount the manifests",
		Kind:  KindRewrite,
		compute: func() ([]analysis.Edit, []Placeholder) {
			var flags strings.Builder
			for _, w := range srcs {
				flags.WriteString(" --mount=type=bind,source=" + w.Value + ",target=" + path.Base(w.Value))
			}
			kw := run.Node.Keyword().Range.End
			c := cp.Node.Range()
			return []analysis.Edit{
				{Range: syntax.Range{Start: c.Start, End: c.Start}, NewText: "# "},
				{Range: syntax.Range{Start: c.End, End: c.End}, NewText: "  (bind-mounted by the next RUN)"},
				{Range: syntax.Range{Start: kw, End: kw}, NewText: flags.String()},
			}, nil
		},
	}}
}

func stepIndex(fs *facts.Stage, st *facts.Step) int {
	for i, x := range fs.Steps {
		if x == st {
			return i
		}
	}
	return -1
}

// copyOf is the COPY a step is, or nil.
func copyOf(fs *facts.Stage, st *facts.Step) *facts.Copy {
	for _, c := range fs.Copies {
		if c.Node.Offset == st.Node.Offset {
			return c
		}
	}
	return nil
}

// manifestsOnly: a one-line COPY of plain files of the context into the
// directory the RUN runs in (an existing directory, so the files go into
// it), without flags that matter to a mount.
func manifestsOnly(text string, cp *facts.Copy, run *facts.Step) bool {
	if cp.Source != facts.FromContext || cp.Node.Command() != "COPY" || cp.Node.IsJSON() || cp.Parents ||
		cp.Dest != run.Workdir || strings.ContainsAny(text[cp.Node.Range().Start:cp.Node.Range().End], "\n\\$*?[") {
		return false
	}
	for _, f := range cp.Node.Flags() {
		if f.Name != "chown" && f.Name != "chmod" && f.Name != "link" {
			return false
		}
	}
	args := cp.Node.Args()
	if len(args) < 2 {
		return false
	}
	for _, w := range args[:len(args)-1] {
		if w.Value == "." || strings.HasSuffix(w.Value, "/") || strings.HasPrefix(w.Value, "/") || strings.Contains(w.Value, "..") {
			return false
		}
	}
	return true
}

// installsFrom: the RUN is one command, go mod download, npm ci or
// pip install -r with a file the COPY brings.
func installsFrom(r *facts.Run, cp *facts.Copy) bool {
	if len(r.Commands) != 1 {
		return false
	}
	c := r.Commands[0]
	vals := c.Values()
	switch c.Name() {
	case "go":
		return len(vals) == 2 && vals[0] == "mod" && vals[1] == "download"
	case "npm":
		return len(vals) >= 1 && vals[0] == "ci"
	case "pip", "pip3":
		req, ok := c.Option("-r", "--requirement")
		if !ok || len(vals) == 0 || vals[0] != "install" {
			return false
		}
		for _, w := range cp.Node.Args() {
			if path.Base(w.Value) == req {
				return true
			}
		}
	}
	return false
}

// copiedAgain: a later COPY of the whole context into dest.
func copiedAgain(fs *facts.Stage, i int, dest string) bool {
	for _, st := range fs.Steps[i+1:] {
		c := copyOf(fs, st)
		if c == nil || c.Source != facts.FromContext || c.Dest != dest {
			continue
		}
		for _, w := range c.Node.Args()[:len(c.Node.Args())-1] {
			if w.Value == "." || w.Value == "./" {
				return true
			}
		}
	}
	return false
}
