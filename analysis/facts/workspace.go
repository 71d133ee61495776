package facts

import (
	"path"
	"strings"
)

// NodeWorkspace reports a pnpm, yarn or npm workspace app: the stage copies
// a pnpm-workspace.yaml, or a command or its program picks a workspace
// package (`pnpm --filter web`, `yarn workspace web`, `npm -w web`). Its
// node_modules are links into a store at the workspace root, so copying one
// package's folder to another stage leaves them dangling. It returns the
// evidence, "" when none.
func (s *Stage) NodeWorkspace() string {
	for _, st := range s.Chain() {
		for _, c := range st.Copies {
			for _, src := range c.Sources {
				if name := path.Base(src); name == "pnpm-workspace.yaml" || name == "pnpm-workspace.yml" {
					return "it copies " + name
				}
			}
		}
		for _, step := range st.Steps {
			if step.Run == nil {
				continue
			}
			for _, c := range step.Run.Commands {
				var args []string
				for _, w := range c.Args() {
					args = append(args, w.Value)
				}
				if w := workspacePick(c.Name(), args); w != "" {
					return "it runs " + w
				}
			}
		}
	}
	if w := workspacePick(path.Base(s.Program.Name), s.Program.Args); w != "" {
		return "it runs " + w
	}
	return ""
}

// workspacePick returns the words of a package-manager call that selects a
// workspace package, "" for other commands.
func workspacePick(name string, args []string) string {
	for i, a := range args {
		flag, _, _ := strings.Cut(a, "=")
		switch {
		case name == "pnpm" && (flag == "--filter" || flag == "-F" || flag == "--recursive" || flag == "-r"),
			name == "yarn" && (i == 0 && (a == "workspace" || a == "workspaces")),
			name == "npm" && (flag == "-w" || flag == "--workspace" || flag == "--workspaces"):
			return name + " " + a
		}
	}
	return ""
}
