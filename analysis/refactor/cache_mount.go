package refactor

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// cacheMountActions offers "Use a cache mount" on a RUN that downloads
// dependencies or builds (go, npm, yarn, pnpm, pip, uv, Maven, Gradle,
// cargo, apt): the directories facts.CacheMounts names are mounted as
// caches, kept between builds and out of the image. pip's --no-cache-dir,
// pointless with the cache mounted, is dropped; for apt, the docker-clean
// hook of the Debian and Ubuntu images, which empties the cache after every
// install, is removed first, as Docker's documentation shows.
func cacheMountActions(q *query) []Action {
	fs := q.stageFacts()
	if fs == nil {
		return nil
	}
	var step *facts.Step
	for _, st := range fs.Steps {
		if r := st.Node.Range(); st.Run != nil && r.Start <= q.sel.Start && q.sel.Start <= r.End {
			step = st
		}
	}
	if step == nil || step.Node.IsJSON() {
		return nil
	}
	n := step.Node
	mounted := map[string]bool{}
	for _, t := range facts.CacheMountTargets(n) {
		mounted[strings.TrimSuffix(t, "/")] = true
	}
	var mounts []facts.CacheMount
	var drop []syntax.Range // the --no-cache-dir words
	apt := false
	for _, c := range step.Run.Commands {
		ms, ok := facts.CacheMounts(c, step.User)
		if !ok {
			continue
		}
		for _, m := range ms {
			if !mounted[m.Target] {
				mounted[m.Target] = true
				mounts = append(mounts, m)
			}
			apt = apt || m.Target == "/var/cache/apt"
		}
		for _, w := range c.Words {
			if w.Value == "--no-cache-dir" {
				drop = append(drop, c.WordRange(w))
			}
		}
	}
	if len(mounts) == 0 {
		return nil
	}
	return []Action{{
		ID:    "cache-mount:" + strconv.Itoa(n.Offset),
		Title: "Use a cache mount",
		Kind:  KindRewrite,
		compute: func() ([]analysis.Edit, []Placeholder) {
			return cacheMountEdits(q, fs, n, mounts, drop, apt), nil
		},
	}}
}

// keepAptCache removes the hook of the Debian and Ubuntu images that
// deletes downloaded packages after each install, so the cache mount keeps
// them.
const keepAptCache = `rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`

func cacheMountEdits(q *query, fs *facts.Stage, n syntax.Node, mounts []facts.CacheMount, drop []syntax.Range, apt bool) []analysis.Edit {
	var flags strings.Builder
	for _, m := range mounts {
		fmt.Fprintf(&flags, " --mount=type=cache,target=%s", m.Target)
		if m.ID != "" {
			flags.WriteString(",id=" + m.ID)
		}
		if m.Sharing != "" {
			flags.WriteString(",sharing=" + m.Sharing)
		}
	}
	kw := n.Keyword().Range.End
	edits := []analysis.Edit{{Range: syntax.Range{Start: kw, End: kw}, NewText: flags.String()}}
	text := q.f.Text
	for _, w := range drop {
		start := w.Start
		if start > 0 && (text[start-1] == ' ' || text[start-1] == '\t') {
			start--
		}
		edits = append(edits, analysis.Edit{Range: syntax.Range{Start: start, End: w.End}})
	}
	if apt && !cleanHookRemoved(fs, n) {
		st := styleOf(q.f)
		line := strings.LastIndexByte(text[:n.Offset], '\n') + 1
		edits = append(edits, analysis.Edit{Range: syntax.Range{Start: line, End: line}, NewText: st.line("RUN", keepAptCache)})
	}
	sortEdits(edits)
	return edits
}

// cleanHookRemoved reports whether a RUN of the stage's chain before n
// already removes the docker-clean hook.
func cleanHookRemoved(fs *facts.Stage, n syntax.Node) bool {
	for _, c := range fs.Chain() {
		for _, st := range c.Steps {
			if st.Node.Offset >= n.Offset && c == fs {
				return false
			}
			if st.Run != nil && strings.Contains(st.Node.Text(), "docker-clean") {
				return true
			}
		}
	}
	return false
}

// stageFacts are the facts of the stage the selection starts in, or nil.
func (q *query) stageFacts() *facts.Stage {
	s := q.m.StageAt(q.sel.Start)
	if s == nil {
		return nil
	}
	return facts.Of(q.m).Stage(s)
}
