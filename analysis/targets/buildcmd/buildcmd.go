// Package buildcmd finds the commands that build an image (`docker build`,
// `docker buildx build`, `podman build`, `buildah bud`) in a script, a
// Makefile or a workflow's run steps, with their --target, -f and context.
package buildcmd

import (
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Command is one `docker build` (or `docker buildx build`, `docker image
// build`, `podman build`, `buildah bud`) found in a Makefile, a script or a
// workflow.
type Command struct {
	Range         syntax.Range // from the program name to the last argument
	Target        string       // the --target value, unquoted; empty when absent
	TargetRange   syntax.Range // the value without its quotes
	TargetLiteral bool         // no variables in the target
	File          string       // the -f/--file value; empty when absent
	FileLiteral   bool
	Context       string // the first positional argument; empty when absent
	ContextSet    bool
}

// Scan finds the build commands of a shell-like text (a script, a
// Makefile recipe, a workflow's run steps; YAML keys before them do no harm),
// read by the shell package.
func Scan(text string) []Command {
	var out []Command
	for _, cmd := range shell.ParseText(text).Commands {
		if c, ok := buildCommand(text, cmd.Words); ok {
			out = append(out, c)
		}
	}
	return out
}

// literal reports whether a word's value has no expansion in it: no $ or
// backquote (a stage name or path never holds one).
func literal(w shell.Word) bool { return !strings.ContainsAny(w.Value, "$`") }

var dockerVariable = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^\$[({]?(docker|podman)\w*[)}]?$`) })

// isProgram reports whether a word runs docker or podman: docker,
// /usr/bin/docker, @docker (make), sudo's docker, $(DOCKER), ${DOCKER}.
func isProgram(w shell.Word) bool {
	v := strings.TrimLeft(w.Value, "@-+")
	if dockerVariable().MatchString(v) {
		return true
	}
	switch strings.ToLower(path.Base(v)) {
	case "docker", "docker.exe", "podman", "buildah":
		return true
	}
	return false
}

// buildFlagsWithValue are the flags of docker build, buildx build, podman
// build and buildah bud that take the next word as their value.
var buildFlagsWithValue = map[string]bool{
	"-t": true, "--tag": true, "--build-arg": true, "--label": true, "--platform": true,
	"--network": true, "--secret": true, "--ssh": true, "--cache-from": true, "--cache-to": true,
	"-o": true, "--output": true, "--progress": true, "--iidfile": true, "--add-host": true,
	"--build-context": true, "--builder": true, "--metadata-file": true, "--shm-size": true,
	"--ulimit": true, "-m": true, "--memory": true, "--memory-swap": true, "--cpu-shares": true,
	"--cpuset-cpus": true, "--cpuset-mems": true, "--cpu-period": true, "--cpu-quota": true,
	"--isolation": true, "--attest": true, "--annotation": true, "--call": true, "--cgroup-parent": true,
	"--allow": true, "--security-opt": true, "--ignorefile": true, "--build-arg-file": true,
	"--format": true, "--arch": true, "--os": true, "--variant": true,
	"--authfile": true, "--creds": true, "--jobs": true, "--volume": true, "-v": true,
	"--env": true, "-e": true, "--cache-ttl": true, "--logfile": true,
}

// buildCommand reads a docker build command out of the words of one command.
func buildCommand(text string, ws []shell.Word) (Command, bool) {
	for i, w := range ws {
		if !isProgram(w) {
			continue
		}
		args, ok := buildArgs(ws[i+1:])
		if !ok {
			continue
		}
		c := Command{Range: syntax.Range{Start: w.Rel.Start, End: ws[len(ws)-1].Rel.End}}
		for j := 0; j < len(args); j++ {
			a := args[j]
			name, value, hasValue := strings.Cut(a.Value, "=")
			if !strings.HasPrefix(name, "-") {
				if !c.ContextSet {
					c.Context, c.ContextSet = a.Value, true
				}
				continue
			}
			// -fPATH
			if !hasValue && strings.HasPrefix(name, "-f") && len(name) > 2 && name[2] != '-' && !strings.HasPrefix(name, "--") {
				c.File, c.FileLiteral = name[2:], literal(a)
				continue
			}
			var val shell.Word
			switch {
			case hasValue:
				val = a
				val.Value = value
				val.Rel.Start = a.Rel.Start + strings.IndexByte(text[a.Rel.Start:a.Rel.End], '=') + 1
				if val.Rel.Start <= a.Rel.Start {
					val.Rel.Start = a.Rel.End
				}
			case name == "--target" || name == "-f" || name == "--file" || buildFlagsWithValue[name]:
				if j+1 >= len(args) {
					continue
				}
				j++
				val = args[j]
			default:
				continue // a boolean flag
			}
			switch name {
			case "--target":
				c.Target, c.TargetLiteral = val.Value, literal(val)
				c.TargetRange = unquoteRaw(text, val.Rel)
			case "-f", "--file":
				c.File, c.FileLiteral = val.Value, literal(val)
			}
		}
		return c, true
	}
	return Command{}, false
}

// buildArgs returns the arguments after `build` (`buildx build`, `buildx b`,
// `image build`, `builder build`, `bud`), or false when the words are not a
// build.
func buildArgs(ws []shell.Word) ([]shell.Word, bool) {
	if len(ws) == 0 {
		return nil, false
	}
	switch ws[0].Value {
	case "build", "bud":
		return ws[1:], true
	case "image", "builder":
		if len(ws) > 1 && ws[1].Value == "build" {
			return ws[2:], true
		}
	case "buildx":
		// docker buildx [--builder NAME] build
		for k := 1; k < len(ws); k++ {
			switch v := ws[k].Value; {
			case v == "build" || v == "b":
				return ws[k+1:], true
			case v == "--builder":
				k++
			case strings.HasPrefix(v, "-"):
			default:
				return nil, false
			}
		}
	}
	return nil, false
}

// unquoteRaw shrinks a word's range past quotes that enclose all of it.
func unquoteRaw(text string, r syntax.Range) syntax.Range {
	if r.End-r.Start >= 2 {
		q := text[r.Start]
		if (q == '"' || q == '\'') && text[r.End-1] == q {
			return syntax.Range{Start: r.Start + 1, End: r.End - 1}
		}
	}
	return r
}
