package targets

import (
	"path"
	"regexp"
	"strings"
	"sync"

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

// word is one shell word with its place in the text.
type word struct {
	raw    syntax.Range // the word as written, quotes included
	value  string       // without quotes and line continuations
	hasVar bool         // a $ outside single quotes
}

// ScanCommands finds the build commands of a shell-like text (a script, a
// Makefile recipe, a workflow's run steps; YAML keys before them do no harm).
// Commands continue over backslash-newline and end at a newline, ;, &&, ||,
// | or a parenthesis; # starts a comment at the start of a word.
func ScanCommands(text string) []Command {
	var out []Command
	for _, cmd := range splitCommands(text) {
		if c, ok := buildCommand(text, cmd); ok {
			out = append(out, c)
		}
	}
	return out
}

func splitCommands(text string) [][]word {
	var cmds [][]word
	var cur []word
	flush := func() {
		if len(cur) > 0 {
			cmds = append(cmds, cur)
			cur = nil
		}
	}
	i := 0
	for i < len(text) {
		c := text[i]
		switch {
		case c == '\\' && i+1 < len(text) && (text[i+1] == '\n' || text[i+1] == '\r'):
			i += 2
			if c := text[i-1]; c == '\r' && i < len(text) && text[i] == '\n' {
				i++
			}
		case c == ' ' || c == '\t':
			i++
		case c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '`':
			flush()
			i++
		case c == '#':
			for i < len(text) && text[i] != '\n' && text[i] != '\r' {
				i++
			}
		default:
			w, next := scanWord(text, i)
			cur = append(cur, w)
			i = next
		}
	}
	flush()
	return cmds
}

// scanWord reads one word from i: quotes, $(...) and ${...} are part of it.
func scanWord(text string, i int) (word, int) {
	start := i
	var sb strings.Builder
	hasVar := false
	for i < len(text) {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '`':
			return word{raw: syntax.Range{Start: start, End: i}, value: sb.String(), hasVar: hasVar}, i
		case c == '\\' && i+1 < len(text):
			if text[i+1] == '\n' || text[i+1] == '\r' {
				return word{raw: syntax.Range{Start: start, End: i}, value: sb.String(), hasVar: hasVar}, i
			}
			sb.WriteByte(text[i+1])
			i += 2
		case c == '\'':
			j := strings.IndexByte(text[i+1:], '\'')
			if j < 0 {
				j = len(text) - i - 1
			}
			sb.WriteString(text[i+1 : i+1+j])
			i += j + 2
		case c == '"':
			i++
			for i < len(text) && text[i] != '"' {
				if text[i] == '\\' && i+1 < len(text) {
					i++
				} else if text[i] == '$' {
					hasVar = true
				}
				sb.WriteByte(text[i])
				i++
			}
			i++
		case c == '$' && i+1 < len(text) && (text[i+1] == '(' || text[i+1] == '{'):
			hasVar = true
			end := matching(text, i+1)
			sb.WriteString(text[i:end])
			i = end
		case c == '$':
			hasVar = true
			sb.WriteByte(c)
			i++
		default:
			sb.WriteByte(c)
			i++
		}
	}
	return word{raw: syntax.Range{Start: start, End: min(i, len(text))}, value: sb.String(), hasVar: hasVar}, min(i, len(text))
}

// matching returns the offset after the bracket that closes the one at i
// (or the end of the line when there is none).
func matching(text string, i int) int {
	open, close := text[i], byte(')')
	if open == '{' {
		close = '}'
	}
	depth := 0
	for j := i; j < len(text); j++ {
		switch text[j] {
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return j + 1
			}
		case '\n':
			return j
		}
	}
	return len(text)
}

var dockerVariable = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)^\$[({]?(docker|podman)\w*[)}]?$`) })

// isProgram reports whether a word runs docker or podman: docker,
// /usr/bin/docker, @docker (make), sudo's docker, $(DOCKER), ${DOCKER}.
func isProgram(w word) bool {
	v := strings.TrimLeft(w.value, "@-+")
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
func buildCommand(text string, ws []word) (Command, bool) {
	for i, w := range ws {
		if !isProgram(w) {
			continue
		}
		args, ok := buildArgs(ws[i+1:])
		if !ok {
			continue
		}
		c := Command{Range: syntax.Range{Start: w.raw.Start, End: ws[len(ws)-1].raw.End}}
		for j := 0; j < len(args); j++ {
			a := args[j]
			name, value, hasValue := strings.Cut(a.value, "=")
			if !strings.HasPrefix(name, "-") {
				if !c.ContextSet {
					c.Context, c.ContextSet = a.value, true
				}
				continue
			}
			// -fPATH
			if !hasValue && strings.HasPrefix(name, "-f") && len(name) > 2 && name[2] != '-' && !strings.HasPrefix(name, "--") {
				c.File, c.FileLiteral = name[2:], !a.hasVar
				continue
			}
			var val word
			switch {
			case hasValue:
				val = a
				val.value = value
				val.raw.Start = a.raw.Start + strings.IndexByte(text[a.raw.Start:a.raw.End], '=') + 1
				if val.raw.Start <= a.raw.Start {
					val.raw.Start = a.raw.End
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
				c.Target, c.TargetLiteral = val.value, !val.hasVar
				c.TargetRange = unquoteRaw(text, val.raw)
			case "-f", "--file":
				c.File, c.FileLiteral = val.value, !val.hasVar
			}
		}
		return c, true
	}
	return Command{}, false
}

// buildArgs returns the arguments after `build` (`buildx build`, `buildx b`,
// `image build`, `builder build`, `bud`), or false when the words are not a
// build.
func buildArgs(ws []word) ([]word, bool) {
	if len(ws) == 0 {
		return nil, false
	}
	switch ws[0].value {
	case "build", "bud":
		return ws[1:], true
	case "image", "builder":
		if len(ws) > 1 && ws[1].value == "build" {
			return ws[2:], true
		}
	case "buildx":
		// docker buildx [--builder NAME] build
		for k := 1; k < len(ws); k++ {
			switch v := ws[k].value; {
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
