package shell

import (
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// runNode parses text and returns its first RUN (or last instruction).
func runNode(t *testing.T, text string) (*syntax.File, syntax.Node) {
	t.Helper()
	f := syntax.Parse(text)
	ins := f.Instructions()
	if len(ins) == 0 {
		t.Fatalf("no instruction in %q", text)
	}
	for _, n := range ins {
		if n.Command() == "RUN" {
			return f, n
		}
	}
	return f, ins[len(ins)-1]
}

// render shows commands as `A=1 prog arg <op>` lines, words joined by '|'.
func render(cs []Command) string {
	var lines []string
	for _, c := range cs {
		var parts []string
		for _, a := range c.Assignments {
			parts = append(parts, a.Value)
		}
		for _, w := range c.Words {
			parts = append(parts, w.Value)
		}
		s := strings.Join(parts, "|")
		if c.Op != "" {
			s += " " + strings.ReplaceAll(c.Op, "\n", `\n`)
		}
		lines = append(lines, s)
	}
	return strings.Join(lines, "\n")
}

func TestCommands(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"and chain", "FROM a\nRUN apt-get update && apt-get install -y curl\n",
			"apt-get|update &&\napt-get|install|-y|curl"},
		{"continuations", "FROM a\nRUN apt-get update \\\n && apt-get install -y \\\n    curl \\\n    git\n",
			"apt-get|update &&\napt-get|install|-y|curl|git"},
		{"comment lines inside a continuation", "FROM a\nRUN a \\\n# comment && rm\n\n  && b\n",
			"a &&\nb"},
		{"operators", "FROM a\nRUN a; b || c | d & e |& f\n",
			"a ;\nb ||\nc |\nd &\ne |&\nf"},
		{"assignments", "FROM a\nRUN CGO_ENABLED=0 GOOS=linux go build -o /app .\n",
			"CGO_ENABLED=0|GOOS=linux|go|build|-o|/app|."},
		{"assignment alone", "FROM a\nRUN X=1; echo $X\n", "X=1 ;\necho|$X"},
		{"quotes and escapes", "FROM a\nRUN echo \"a b\" 'c d' e\\ f \"x\\\"y\" $'t\\'s'\n",
			"echo|a b|c d|e f|x\"y|t's"},
		{"sh -c string", "FROM a\nRUN sh -c \"apt-get update && apt-get install -y curl\"\n",
			"sh|-c|apt-get update && apt-get install -y curl\napt-get|update &&\napt-get|install|-y|curl"},
		{"bash -ec single quotes", "FROM a\nRUN bash -o pipefail -ec 'make; make install'\n",
			"bash|-o|pipefail|-ec|make; make install\nmake ;\nmake|install"},
		{"sudo sh -c", "FROM a\nRUN sudo -E sh -c 'apk add x'\n",
			"sudo|-E|sh|-c|apk add x\napk|add|x"},
		{"sh without -c runs a file", "FROM a\nRUN sh ./build.sh && bash -x run.sh\n",
			"sh|./build.sh &&\nbash|-x|run.sh"},
		{"exec form", "FROM a\nRUN [\"apt-get\", \"install\", \"-y\", \"x\"]\n",
			"apt-get|install|-y|x"},
		{"exec form with sh -c", "FROM a\nRUN [\"/bin/sh\", \"-c\", \"go build -o /a . && echo \\\"ok\\\"\"]\n",
			"/bin/sh|-c|go build -o /a . && echo \"ok\"\ngo|build|-o|/a|. &&\necho|ok"},
		{"heredoc script", "FROM a\nRUN <<EOF\nset -e\napt-get update\n  apt-get install -y \\\n    curl\nEOF\n",
			"set|-e \\n\napt-get|update \\n\napt-get|install|-y|curl \\n"},
		{"heredoc to python", "FROM a\nRUN python3 <<EOF\nimport os\nEOF\n", "python3"},
		{"heredoc with a python shebang", "FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n", ""},
		{"heredoc with a bash shebang", "FROM a\nRUN <<EOF\n#!/bin/bash\nmake\nEOF\n", "make \\n"},
		{"heredoc to bash", "FROM a\nRUN bash -e <<'EOF'\nmake\nEOF\n", "bash|-e\nmake \\n"},
		{"nested heredoc body is data", "FROM a\nRUN <<EOT\ncat > /etc/x <<EOF\napt-get install foo\nEOF\necho done\nEOT\n",
			"cat \\n\necho|done \\n"},
		{"heredoc file then command", "FROM a\nRUN cat <<EOF > /etc/x && apt-get update\nline\nEOF\n",
			"cat &&\napt-get|update"},
		{"if", "FROM a\nRUN if [ -f x ]; then apt-get install -y a; else echo no; fi && true\n",
			"[|-f|x|] ;\napt-get|install|-y|a ;\necho|no ;\ntrue"},
		{"for", "FROM a\nRUN for f in a b; do rm $f; done\n", "rm|$f ;"},
		{"while", "FROM a\nRUN while read l; do echo $l; done < x\n", "read|l ;\necho|$l ;"},
		{"case", "FROM a\nRUN case \"$x\" in a|b) echo a ;; *) echo b ;; esac; make\n",
			"echo|a ;;\necho|b ;;\nmake"},
		{"redirections", "FROM a\nRUN apt-get update > /dev/null 2>&1 && make -j$(nproc) 2> err.log &>/dev/null\n",
			"apt-get|update &&\nmake|-j$(nproc)"},
		{"subshell and braces", "FROM a\nRUN (cd src && make) && { make install; }\n",
			"cd|src &&\nmake )\nmake|install ;"},
		{"substitutions stay in their word", "FROM a\nRUN echo $(go env GOPATH) \"${A:-x y}\" `uname -m`\n",
			"echo|$(go env GOPATH)|${A:-x y}|`uname -m`"},
		{"comment at the end", "FROM a\nRUN make # && rm -rf /\n", "make"},
		{"escape backtick file", "# escape=`\nFROM a\nRUN a C:\\x `\n  && b\n", "a|C:\\x &&\nb"},
		{"crlf", "FROM a\r\nRUN a \\\r\n && b\r\n", "a &&\nb"},
		{"unterminated quote", "FROM a\nRUN echo \"abc && x\n", "echo|abc && x"},
		{"unterminated substitution", "FROM a\nRUN echo $(foo\n", "echo|$(foo"},
		{"empty", "FROM a\nRUN\n", ""},
		{"not a RUN", "FROM a\nCMD echo hi\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, n := runNode(t, tt.text)
			if got := render(commands(n)); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestRanges checks that every word's range covers the word as written.
func TestRanges(t *testing.T) {
	tests := []struct {
		name, text string
		raws       []string // raw text of each word of each command, in order
	}{
		{"plain", "FROM a\nRUN apt-get install -y curl\n", []string{"apt-get", "install", "-y", "curl"}},
		{"continuation", "FROM a\nRUN apt-get install \\\n  curl \\\n  git\n", []string{"apt-get", "install", "curl", "git"}},
		{"word across a continuation", "FROM a\nRUN ec\\\nho hi\n", []string{"ec\\\nho", "hi"}},
		{"quoted", "FROM a\nRUN echo \"a b\" 'c'\n", []string{"echo", "\"a b\"", "'c'"}},
		{"sh -c", "FROM a\nRUN sh -c 'apt-get install \"x y\"'\n", []string{"sh", "-c", "'apt-get install \"x y\"'", "apt-get", "install", "\"x y\""}},
		{"sh -c across a continuation", "FROM a\nRUN sh -c \"a && \\\n  b\"\n", []string{"sh", "-c", "\"a && \\\n  b\"", "a", "b"}},
		{"exec", "FROM a\nRUN [\"sh\", \"-c\", \"a \\\"b c\\\"\"]\n", []string{"\"sh\"", "\"-c\"", "\"a \\\"b c\\\"\"", "a", "\\\"b c\\\""}},
		{"heredoc", "FROM a\nRUN <<EOF\n  make all\nEOF\n", []string{"make", "all"}},
		{"crlf", "FROM a\r\nRUN a \\\r\n  bb\r\n", []string{"a", "bb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, n := runNode(t, tt.text)
			var got []string
			for _, c := range commands(n) {
				for _, w := range c.Words {
					r := w.At(n.Offset)
					got = append(got, f.Text[r.Start:r.End])
				}
			}
			if strings.Join(got, "¦") != strings.Join(tt.raws, "¦") {
				t.Errorf("got %q, want %q", got, tt.raws)
			}
		})
	}
}

func TestScripts(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // kind:range-text:lastop per script
	}{
		{"line", "FROM a\nRUN a && b # note\n", "line|a && b|"},
		{"line ending with ;", "FROM a\nRUN a; \\\n b;\n", "line|a; \\\n b;|;"},
		{"heredoc", "FROM a\nRUN <<EOF\na\nEOF\n", "line|<<EOF|\nheredoc|a|"},
		{"inline", "FROM a\nRUN sh -c 'a && b'\n", "line|sh -c 'a && b'|\ninline|a && b|"},
		{"exec", "FROM a\nRUN [\"a\"]\n", "exec|[\"a\"]|"},
	}
	kinds := map[ScriptKind]string{Line: "line", Exec: "exec", Heredoc: "heredoc", Inline: "inline"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, n := runNode(t, tt.text)
			var got []string
			for _, s := range Parse(n).Scripts {
				got = append(got, kinds[s.Kind]+"|"+f.Text[n.Offset+s.Rel.Start:n.Offset+s.EndRel]+"|"+strings.ReplaceAll(s.LastOp, "\n", `\n`))
			}
			if g := strings.Join(got, "\n"); g != tt.want {
				t.Errorf("got\n%s\nwant\n%s", g, tt.want)
			}
		})
	}
}

func TestCommandRange(t *testing.T) {
	f, n := runNode(t, "FROM a\nRUN X=1 make all > log && echo\n")
	cs := commands(n)
	r := cs[0].At(n.Offset)
	if got := f.Text[r.Start:r.End]; got != "X=1 make all > log" {
		t.Errorf("range = %q", got)
	}
}

func TestUnwrapped(t *testing.T) {
	tests := []struct{ text, want string }{
		{"sudo -E -u root apt-get install x", "apt-get|install|x"},
		{"env -i A=1 B=2 npm ci", "A=1|B=2|npm|ci"},
		{"exec nohup nice -n 5 make", "make"},
		{"command -v make", "command|-v|make"},
		{"gosu app node server.js", "node|server.js"},
		{"sudo", "sudo"},
		{"apt-get update", "apt-get|update"},
	}
	for _, tt := range tests {
		_, n := runNode(t, "FROM a\nRUN "+tt.text+"\n")
		cs := commands(n)
		if len(cs) != 1 {
			t.Fatalf("%s: %d commands", tt.text, len(cs))
		}
		if got := render([]Command{cs[0].Unwrapped()}); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.text, got, tt.want)
		}
	}
}

func TestNoPanicOnGarbage(t *testing.T) {
	inputs := []string{
		"RUN \"", "RUN '", "RUN $(", "RUN ${", "RUN `", "RUN \\", "RUN <<", "RUN <<EOF", "RUN sh -c",
		"RUN sh -c \"", "RUN [\"sh\",\"-c\",\"\\u00e9 && x\"]", "RUN case x in", "RUN for", "RUN 2>", "RUN a=b=c",
		"RUN <<EOF\n#!", "RUN sh -c 'sh -c \"sh -c \\\"sh -c x\\\"\"'", "RUN ;;;&&||", "RUN $'\\",
	}
	for _, in := range inputs {
		f := syntax.Parse("FROM a\n" + in + "\n")
		for _, n := range f.Instructions() {
			for _, c := range commands(n) {
				for _, w := range append(c.Assignments, c.Words...) {
					if r := w.At(n.Offset); r.Start < 0 || r.End > len(f.Text) || r.Start > r.End {
						t.Errorf("%q: bad range %v", in, r)
					}
				}
			}
		}
	}
}

func FuzzCommands(f *testing.F) {
	f.Add("FROM a\nRUN apt-get update && apt-get install -y \\\n curl && sh -c 'make; make install'\n")
	f.Add("FROM a\nRUN <<EOF\nif x; then y; fi\ncat <<X\nX\nEOF\n")
	f.Add("FROM a\nRUN [\"bash\",\"-c\",\"a | b\"]\n")
	f.Fuzz(func(t *testing.T, text string) {
		file := syntax.Parse(text)
		for _, n := range file.Instructions() {
			r := Parse(n)
			if r == nil {
				continue
			}
			for _, c := range r.Commands {
				for _, w := range append(c.Assignments, c.Words...) {
					if r := w.At(n.Offset); r.Start < 0 || r.End > len(text) || r.Start > r.End {
						t.Fatalf("bad range %v for %q", r, w.Value)
					}
				}
			}
		}
	})
}

// TestParseText reads plain text (scripts, Makefiles, workflows): commands
// end at newlines, and every word's range is its raw text in the input.
func TestParseText(t *testing.T) {
	tests := []struct {
		name, text, want string
		raws             []string // raw text of each word, in order; nil to skip
	}{
		{"lines", "#!/bin/sh\nset -e\ndocker build .\n", "set|-e \\n\ndocker|build|. \\n", nil},
		{"continuation", "docker build \\\n  --target test \\\n  .", "docker|build|--target|test|.",
			[]string{"docker", "build", "--target", "test", "."}},
		{"crlf continuation", "docker build \\\r\n  --target test \\\r\n  .\r\n", "docker|build|--target|test|. \\n",
			[]string{"docker", "build", "--target", "test", "."}},
		{"crlf continuation inside a word", "a b\\\r\nc", "a|bc", []string{"a", "b\\\r\nc"}},
		{"crlf continuation inside quotes", "a \"b\\\r\nc\"", "a|bc", []string{"a", "\"b\\\r\nc\""}},
		{"comment line", "# docker build --target test .\nmake\n", "make \\n", nil},
		{"quotes", "docker build --target=\"test\" 'ctx dir'", "docker|build|--target=test|ctx dir",
			[]string{"docker", "build", "--target=\"test\"", "'ctx dir'"}},
		{"make recipe", "all:\n\t@$(DOCKER) build --target $(STAGE) .\n", "all: \\n\n@$(DOCKER)|build|--target|$(STAGE)|. \\n", nil},
		{"yaml run step", "      - run: cd app && docker build .\n", "-|run:|cd|app &&\ndocker|build|. \\n", nil},
		{"heredoc body is data", "cat > x <<EOF\ndocker build .\nEOF\nmake\n", "cat \\n\nmake \\n", nil},
		{"sh -c", "sh -c 'docker build .'", "sh|-c|docker build .\ndocker|build|.",
			[]string{"sh", "-c", "'docker build .'", "docker", "build", "."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ParseText(tt.text)
			if got := render(r.Commands); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if len(r.Scripts) == 0 || r.Scripts[0].Kind != Text {
				t.Errorf("scripts %+v", r.Scripts)
			}
			if tt.raws == nil {
				return
			}
			var raws []string
			for _, c := range r.Commands {
				for _, w := range c.Words {
					raws = append(raws, tt.text[w.Rel.Start:w.Rel.End])
				}
			}
			if strings.Join(raws, "\x00") != strings.Join(tt.raws, "\x00") {
				t.Errorf("raw words %q, want %q", raws, tt.raws)
			}
		})
	}
}

func FuzzParseText(f *testing.F) {
	for _, s := range []string{"\"", "'", "$(", "`", "\\", "\\\r", "a \\\r\nb", "cat <<EOF\nx", "sh -c \"", "case x in", "docker build \\\r\n --target 'x' ."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, c := range ParseText(text).Commands {
			for _, w := range append(c.Assignments, c.Words...) {
				if w.Rel.Start < 0 || w.Rel.End > len(text) || w.Rel.Start > w.Rel.End {
					t.Fatalf("bad range %v for %q", w.Rel, w.Value)
				}
			}
		}
	})
}

// commands are the simple commands a RUN node executes, in order; nil for
// other instructions.
func commands(n syntax.Node) []Command {
	if r := Parse(n); r != nil {
		return r.Commands
	}
	return nil
}
