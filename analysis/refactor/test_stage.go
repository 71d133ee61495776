package refactor

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// testStageActions offers "Add a test stage": `FROM build AS test` plus the
// build's test command, right after the build stage, so that CI can run
// `docker build --target test`.
func testStageActions(q *query) []Action {
	if len(q.m.Stages) < 2 {
		return nil
	}
	for _, s := range q.m.Stages {
		if s.Name == "test" || s.Name == "tests" {
			return nil
		}
	}
	s, cmd := testableStage(q)
	if s == nil {
		return nil
	}
	return []Action{{
		ID:    "test-stage",
		Title: fmt.Sprintf("Add a test stage (RUN %s)", cmd),
		Kind:  KindRewrite,
		compute: func() ([]analysis.Edit, []Placeholder) {
			return testStageEdits(q.f, q.m, s, cmd), nil
		},
	}}
}

// testableStage is the stage at the selection when it builds something
// with a known test command or, with the selection in the final stage, the
// first stage the final stage depends on that does. The final stage itself
// never is: a test stage after it would become the last stage, the one a
// plain build produces.
func testableStage(q *query) (*model.Stage, string) {
	at := q.m.StageAt(q.sel.Start)
	if at == nil {
		return nil, ""
	}
	final := q.m.Stages[len(q.m.Stages)-1]
	if at != final {
		if cmd := testCommand(readStage(q.f, q.m, at)); cmd != "" {
			return at, cmd
		}
		return nil, ""
	}
	reach := q.m.Reachable(final)
	for _, s := range q.m.Stages {
		if s == final || !reach[s] {
			continue
		}
		if cmd := testCommand(readStage(q.f, q.m, s)); cmd != "" {
			return s, cmd
		}
	}
	return nil, ""
}

func testStageEdits(f *syntax.File, m *model.Model, s *model.Stage, cmd string) []analysis.Edit {
	st := styleOf(f)
	var edits []analysis.Edit
	name := s.Name
	if name == "" {
		name = stageName(m, s)
		edits = nameStageEdits(f, m, s, name)
	}
	at := wholeLines(f.Text, s.Range).End
	text := ""
	if at > 0 && f.Text[at-1] != '\n' && f.Text[at-1] != '\r' {
		text = st.eol
	}
	text += st.eol + st.kw("FROM") + " " + name + " " + st.kw("AS") + " test" + st.eol + st.line("RUN", cmd)
	edits = append(edits, analysis.Edit{Range: syntax.Range{Start: at, End: at}, NewText: text})
	// The stages after the new one move down: renumber --from=N.
	for _, r := range m.Refs {
		if r.ByIndex && r.Target != nil && r.Target.Index > s.Index {
			edits = append(edits, analysis.Edit{Range: r.Range, NewText: strconv.Itoa(r.Target.Index + 1)})
		}
	}
	sortEdits(edits)
	return edits
}

// testCommand is the ecosystem's test command for what a stage builds.
func testCommand(sf *stageFacts) string {
	pruned := false
	for _, c := range sf.commands() {
		if c.Name() == "npm" && c.Has("prune") || c.Name() == "pnpm" && c.Has("prune") || c.Name() == "yarn" && c.Has("--production") {
			pruned = true
		}
	}
	cmds := sf.commands()
	for i := len(cmds) - 1; i >= 0; i-- {
		c := cmds[i]
		prog := c.Words[0].Value
		switch buildEcosystem(c) {
		case "go":
			return "go test ./..."
		case "rust":
			test := "cargo test"
			if c.Has("--release", "-r") {
				test += " --release"
			}
			if c.Has("--locked") {
				test += " --locked"
			}
			return test
		case "java":
			if strings.HasPrefix(c.Name(), "mvn") {
				return prog + " -B test"
			}
			return prog + " test --no-daemon"
		case "dotnet":
			return "dotnet test"
		case "node":
			pm := c.Name()
			if pm != "npm" && pm != "yarn" && pm != "pnpm" && pm != "bun" {
				pm = "npm"
			}
			if pruned {
				return map[string]string{
					"npm":  "npm ci --include=dev && npm test",
					"yarn": "yarn install --frozen-lockfile && yarn test",
					"pnpm": "pnpm install --frozen-lockfile && pnpm test",
					"bun":  "bun install && bun test",
				}[pm]
			}
			return pm + " test"
		case "c":
			switch c.build.Tool {
			case "cmake":
				if dir, ok := c.Option("-B"); ok {
					return "ctest --test-dir " + dir
				}
				if dir, ok := c.Option("--build"); ok {
					return "ctest --test-dir " + dir
				}
				return "ctest --test-dir build"
			case "make":
				return c.Name() + " test"
			}
		}
		if _, ok := pipInstall(c); ok {
			return "python -m pytest"
		}
	}
	return ""
}
