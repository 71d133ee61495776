package navigate

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// Test inputs mark the cursor with <|> and expected ranges with «…».
const cursor = "<|>"

func marked(t testing.TB, input string) (text string, off int, want []syntax.Range) {
	t.Helper()
	var b strings.Builder
	off = -1
	start := -1
	for i := 0; i < len(input); {
		switch {
		case strings.HasPrefix(input[i:], cursor):
			off = b.Len()
			i += len(cursor)
		case strings.HasPrefix(input[i:], "«"):
			start = b.Len()
			i += len("«")
		case strings.HasPrefix(input[i:], "»"):
			want = append(want, syntax.Range{Start: start, End: b.Len()})
			i += len("»")
		default:
			b.WriteByte(input[i])
			i++
		}
	}
	if off < 0 {
		t.Fatalf("no cursor in %q", input)
	}
	sort.Slice(want, func(i, j int) bool { return want[i].Start < want[j].Start })
	return b.String(), off, want
}

func index(text string) *Index { return For(model.Build(syntax.Parse(text))) }

func show(text string, rs []syntax.Range) string {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Start < rs[j].Start })
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%d:%q", r.Start, text[r.Start:r.End]))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func TestDefinition(t *testing.T) {
	tests := []struct{ name, input string }{
		{"copy from with more flags", "FROM golang:1.22 AS «build»\nFROM alpine\nCOPY --from=bu<|>ild --chown=1:1 /a /b\n"},
		{"copy from at the end of the value", "FROM golang:1.22 AS «build»\nFROM alpine\nCOPY --from=build<|> --chown=1:1 /a /b\n"},
		{"copy from after chown", "FROM golang:1.22 AS «build»\nFROM alpine\nCOPY --chown=1:1 --from=<|>build /a /b\n"},
		{"copy from with nothing after", "FROM golang:1.22 AS build\nFROM alpine\nCOPY --from=<|>"},
		{"copy from with nothing after and spaces", "FROM golang:1.22 AS build\nFROM alpine\nCOPY --from=<|>   \n"},
		{"from a stage", "FROM alpine AS «base»\nRUN true\nFROM ba<|>se\n"},
		{"from a stage declared later is an image", "FROM bu<|>ild\nFROM alpine AS build\n"},
		{"stage names are lower-cased", "FROM alpine AS «Base»\nFROM ba<|>se\n"},
		{"FROM is case-sensitive", "FROM alpine AS Base\nFROM BA<|>SE\n"},
		{"copy from a later stage is fine", "FROM alpine AS a\nCOPY --from=la<|>ter /x /y\nFROM alpine AS «later»\n"},
		{"mount from", "FROM alpine AS «deps»\nFROM alpine\nRUN --mount=type=cache,from=de<|>ps,target=/x true\n"},
		{"copy from by index", "«FROM alpine»\nFROM alpine\nCOPY --from=0<|> /a /b\n"},
		{"onbuild copy from", "FROM alpine AS «build»\nFROM alpine\nONBUILD COPY --from=bu<|>ild /a /b\n"},
		{"stage name declaration", "FROM alpine AS «bu<|>ild»\n"},
		{"templated from lists candidates", "ARG OS=linux\nFROM alpine AS «bin-linux»\nFROM alpine AS «bin-darwin»\nFROM b<|>in-$OS\n"},
		{"copy from source path: the RUN that builds it", "FROM golang:1.23 AS build\n«RUN go build -o /out/api .»\nFROM scratch\nCOPY --from=build /out/a<|>pi /api\n"},
		{"copy from source in exec form", "FROM golang:1.23 AS build\n«RUN go build -o /out/api .»\nFROM scratch\nCOPY --from=build [\"/out/a<|>pi\", \"/api\"]\n"},
		{"copy from source copied in by a parent stage", "FROM alpine AS base\n«COPY conf /etc/app»\nFROM base AS build\nRUN true\nFROM scratch\nCOPY --from=build /etc/app/x.co<|>nf /x\n"},
		{"copy from source nothing produces", "FROM golang:1.23 AS build\nRUN go build -o /out/api .\nFROM scratch\nCOPY --from=build /ap<|>p /api\n"},
		{"copy destination is no source", "FROM golang:1.23 AS build\nRUN go build -o /out/api .\nFROM scratch\nCOPY --from=build /out/api /a<|>pi\n"},
		{"image is no symbol", "FROM alpi<|>ne\n"},
		{"keyword is no symbol", "FR<|>OM alpine\n"},

		{"env from a parent stage", "FROM alpine AS base\nENV «APP»=/app\nFROM base\nRUN echo $A<|>PP\n"},
		{"env from a grandparent stage", "FROM alpine AS base\nENV «APP»=/app\nFROM base AS mid\nFROM mid\nWORKDIR ${AP<|>P}\n"},
		{"env of an unrelated stage is not visible", "FROM alpine AS base\nENV APP=/app\nFROM alpine\nRUN echo $A<|>PP\n"},
		{"env redeclared reads the nearest", "FROM alpine\nENV PATH=/a\nENV «PATH»=/b:$PATH\nRUN echo $PA<|>TH\n"},
		{"env in the same instruction reads the previous one", "FROM alpine\nENV «A»=0\nENV A=1 B=$A<|>\n"},
		{"arg before the first FROM in FROM", "ARG «GO_VERSION»=1.22\nFROM golang:${GO_<|>VERSION}\n"},
		{"arg before the first FROM in FROM flags", "ARG «PLAT»=linux/amd64\nFROM --platform=$PL<|>AT alpine\n"},
		{"arg before the first FROM is not visible in the stage", "ARG V=1\nFROM alpine\nRUN echo $V<|>\n"},
		{"arg before the first FROM once redeclared", "ARG V=1\nFROM alpine\nARG «V»\nRUN echo $V<|>\n"},
		{"arg declared after the FROM is not visible to it", "FROM golang:$V<|>\nARG V=1\n"},
		{"global arg declared below FROM line", "ARG A=1\nFROM alpine:$B<|>\nARG B=2\nFROM alpine\n"},
		{"default form", "ARG V=1\nFROM alpine\nARG «V»\nRUN echo ${V<|>:-x}\n"},
		{"nested default form", "FROM alpine\nARG «B»\nARG A\nRUN echo ${A:-${B<|>}}\n"},
		{"length form", "FROM alpine\nARG «A»\nRUN echo ${#A<|>}\n"},
		{"predefined platform arg has no declaration", "FROM --platform=$BUILD<|>PLATFORM alpine\n"},
		{"single quotes do not expand", "FROM alpine\nARG V\nRUN echo '$V<|>'\n"},
		{"double quotes expand", "FROM alpine\nARG «V»\nRUN echo \"$V<|>\"\n"},
		{"escaped dollar does not expand", "FROM alpine\nARG V\nRUN echo \\$V<|>\n"},
		{"arg in copy chown", "FROM alpine\nARG «UID»=1000\nCOPY --chown=$U<|>ID:$UID /a /b\n"},
		{"arg in mount target", "FROM alpine\nARG «DIR»=/cache\nRUN --mount=type=cache,target=$D<|>IR true\n"},
		{"arg value reads an earlier arg", "FROM alpine\nARG «A»=1\nARG B=$A<|>\n"},
		{"global arg value reads an earlier global arg", "ARG «A»=1\nARG B=${A<|>}\nFROM alpine\n"},
		{"continuation with a comment line", "FROM alpine\nARG «V»\nRUN echo \\\n# $V\n  $V<|>\n"},
		{"comment line inside continuation is no reference", "FROM alpine\nARG V\nRUN echo \\\n# $V<|>\n  $V\n"},
		{"escape directive with backtick", "# escape=`\nFROM alpine AS «build»\nFROM alpine\nCOPY `\n  --from=bu<|>ild /a /b\n"},
		{"escape directive with backtick and variables", "# escape=`\nFROM alpine\nARG «DIR»\nWORKDIR C:\\$D<|>IR\n"},
		{"powershell env", "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nENV «PYTHON_VERSION»=3.12\nRUN Write-Host $env:PYTHON<|>_VERSION\n"},
		{"crlf", "FROM alpine AS «build»\r\nFROM alpine\r\nCOPY --from=b<|>uild /a /b\r\n"},
		{"crlf variables", "FROM alpine\r\nARG «V»=1\r\nRUN echo \\\r\n  $V<|>\r\n"},
		{"heredoc terminator", "FROM alpine\nRUN <<«EOF»\necho hi\nE<|>OF\n"},
		{"heredoc with tabs", "FROM alpine\nRUN <<-«EOT»\n\techo hi\n\tEO<|>T\n"},
		{"heredoc quoted marker", "FROM alpine\nCOPY <<\"«EOF»\" /x\nhello\nEOF<|>\n"},
		{"heredoc script reads variables", "FROM alpine\nARG «V»\nRUN <<EOF\necho $V<|>\nEOF\n"},
		{"heredoc script honours single quotes", "FROM alpine\nARG V\nRUN <<EOF\necho '$V<|>'\nEOF\n"},
		{"heredoc data ignores quotes", "FROM alpine\nARG «V»\nRUN cat <<EOF >/f\n'$V<|>'\nEOF\n"},
		{"quoted heredoc data is not expanded", "FROM alpine\nARG V\nCOPY <<'EOF' /f\n$V<|>\nEOF\n"},
		{"heredoc body is not an instruction", "FROM alpine AS build\nRUN <<EOF\nCOPY --from=bu<|>ild /a /b\nEOF\n"},
		{"onbuild variables are the downstream build's", "FROM alpine\nARG V\nONBUILD RUN echo $V<|>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, off, want := marked(t, tt.input)
			got := index(text).Definition(off)
			if show(text, got) != show(text, want) {
				t.Errorf("definition = %s, want %s", show(text, got), show(text, want))
			}
		})
	}
}

func TestReferences(t *testing.T) {
	tests := []struct {
		name        string
		input       string
		includeDecl bool
	}{
		{"stage with declaration", "FROM alpine AS «build»\nFROM «build» AS x\nCOPY --from=«BUILD» /a /b\nRUN --mount=from=«build»,target=/t true\nFROM alpine\nCOPY --from=«bu<|>ild» /a /b\n", true},
		{"stage without declaration", "FROM alpine AS build\nFROM «build» AS x\nFROM alpine\nCOPY --from=«bu<|>ild» /a /b\n", false},
		{"index references", "«FROM alpine»\nFROM alpine\nCOPY --from=«0<|>» /a /b\nCOPY --from=«0» /c /d\n", true},
		{"unresolved references group by name", "FROM alpine\nCOPY --from=«nosu<|>ch» /a /b\nCOPY --from=«NoSuch» /a /b\n", true},
		{"variable through parent stages", "FROM alpine AS base\nENV APP=/app\nRUN echo $«APP»\nFROM base\nRUN echo ${«AP<|>P»:-x}\nFROM alpine\nRUN echo $APP\n", false},
		{"variable redeclared is one symbol", "FROM alpine\nENV «PATH»=/a\nENV «PATH»=/b:$«PATH»\nRUN echo $«PA<|>TH»\n", true},
		{"global arg and its stage redeclarations", "ARG «V»=1\nFROM golang:$«V»\nARG «V»\nRUN echo $«V<|>»\nFROM alpine\nARG «V»\nRUN echo $«V»\nFROM alpine\nRUN echo $V\n", true},
		{"stage args without a global are per stage", "FROM alpine\nARG «V»=1\nRUN echo $«V<|>»\nFROM alpine\nARG V=2\nRUN echo $V\n", true},
		{"undeclared variables group by name", "FROM --platform=$«BUILD<|>PLATFORM» alpine\nFROM --platform=$«BUILDPLATFORM» alpine\n", true},
		{"heredoc", "FROM alpine\nRUN <<«EOF»\necho hi\n«EO<|>F»\nRUN <<EOF\nEOF\n", true},
		{"heredoc with tabs from the marker", "FROM alpine\nRUN <<-«E<|>OT» bash\n\techo hi\n\t\t«EOT»\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, off, want := marked(t, tt.input)
			got := index(text).References(off, tt.includeDecl)
			if show(text, got) != show(text, want) {
				t.Errorf("references = %s, want %s", show(text, got), show(text, want))
			}
		})
	}
}

func TestHighlights(t *testing.T) {
	text := "FROM alpine AS build\nFROM alpine\nCOPY --from=build /a /b\nARG V=1\nRUN echo $V\nRUN <<EOF\nEOF\n"
	x := index(text)
	kinds := func(off int) string {
		var out []string
		for _, h := range x.Highlights(off) {
			out = append(out, fmt.Sprintf("%s:%d", text[h.Range.Start:h.Range.End], h.Kind))
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		at, want string
	}{
		{"build\n", "build:3 build:2"},
		{"V=1", "V:3 V:2"},
		{"EOF\nEOF", "EOF:1 EOF:1"},
	} {
		if got := kinds(strings.Index(text, tc.at)); got != tc.want {
			t.Errorf("highlights at %q = %q, want %q", tc.at, got, tc.want)
		}
	}
}

func TestPrepareRename(t *testing.T) {
	tests := []struct {
		name, input string
		placeholder string // empty: refused
		refusal     string // part of the refusal message
	}{
		{"stage declaration", "FROM alpine AS «bu<|>ild»\n", "build", ""},
		{"stage reference with flags", "FROM alpine AS build\nFROM alpine\nCOPY --from=«Bu<|>ild» --chown=1:1 /a /b\n", "Build", ""},
		{"variable reference in default form", "FROM alpine\nARG V\nRUN echo ${«V<|>»:-x}\n", "V", ""},
		{"heredoc terminator", "FROM alpine\nRUN <<-EOT\n\t«EO<|>T»\n", "EOT", ""},
		{"keyword", "FR<|>OM alpine\n", "", "only stage names"},
		{"image", "FROM alp<|>ine\n", "", "only stage names"},
		{"index reference", "FROM alpine\nFROM alpine\nCOPY --from=0<|> /a /b\n", "", "index"},
		{"unknown stage", "FROM alpine\nCOPY --from=nosu<|>ch /a /b\n", "", "no stage"},
		{"empty from", "FROM alpine AS a\nFROM alpine\nCOPY --from=<|>", "", "only stage names"},
		{"predefined arg", "FROM --platform=$BUILDPLAT<|>FORM alpine\n", "", "predefined"},
		{"base image variable", "FROM alpine\nRUN echo $PA<|>TH\n", "", "not declared"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, off, want := marked(t, tt.input)
			r, ph, err := index(text).PrepareRename(off)
			if tt.placeholder == "" {
				if err == nil || !strings.Contains(err.Error(), tt.refusal) {
					t.Fatalf("PrepareRename = %v %q %v, want refusal with %q", r, ph, err, tt.refusal)
				}
				return
			}
			if err != nil || ph != tt.placeholder || len(want) != 1 || r != want[0] {
				t.Fatalf("PrepareRename = %v %q %v, want %v %q", r, ph, err, want, tt.placeholder)
			}
		})
	}
}

func TestRename(t *testing.T) {
	tests := []struct {
		name, input, newName string
		want                 string // the text after the edits; empty when refused
		refusal              string
	}{
		{"stage everywhere but indexes",
			"FROM alpine AS build\nFROM build AS x\nFROM alpine\nCOPY --from=BUILD /a /b\nCOPY --from=0 /c /d\nRUN --mount=from=build,target=/t true\nCOPY --from=bu<|>ild --chown=1:1 /a /b\n", "compile",
			"FROM alpine AS compile\nFROM compile AS x\nFROM alpine\nCOPY --from=compile /a /b\nCOPY --from=0 /c /d\nRUN --mount=from=compile,target=/t true\nCOPY --from=compile --chown=1:1 /a /b\n", ""},
		{"stage case change", "FROM alpine AS bu<|>ild\nFROM build\n", "Build", "FROM alpine AS Build\nFROM Build\n", ""},
		{"stage name rule", "FROM alpine AS bu<|>ild\n", "1build", "", "not a valid stage name"},
		{"stage name with a space", "FROM alpine AS bu<|>ild\n", "my build", "", "not a valid stage name"},
		{"stage name collision", "FROM alpine AS bu<|>ild\nFROM alpine AS test\n", "TEST", "", "already exists"},
		{"reserved scratch", "FROM alpine AS bu<|>ild\n", "scratch", "", "reserved"},
		{"reserved context", "FROM alpine AS bu<|>ild\n", "Context", "", "reserved"},
		{"would capture a later image", "FROM alpine AS bu<|>ild\nFROM node\n", "node", "", "pulls an image"},
		{"earlier image is not captured", "FROM node\nFROM alpine AS bu<|>ild\n", "node", "FROM node\nFROM alpine AS node\n", ""},
		{"would capture a copy image", "FROM alpine AS bu<|>ild\nFROM alpine\nCOPY --from=busybox /bin/sh /sh\n", "busybox", "", "reads an image"},
		{"templated reference", "ARG OS=linux\nFROM alpine AS bin-li<|>nux\nFROM bin-$OS\n", "linux-bin", "", "build argument"},

		{"variable through parent stage", "FROM alpine AS base\nENV APP=/app\nFROM base\nRUN echo $AP<|>P ${APP:-x}\n", "ROOT",
			"FROM alpine AS base\nENV ROOT=/app\nFROM base\nRUN echo $ROOT ${ROOT:-x}\n", ""},
		{"global arg with FROM line and stages", "ARG V=1\nFROM golang:$V\nARG V\nRUN echo $V<|>\nFROM alpine\nRUN echo $V\n", "GO",
			"ARG GO=1\nFROM golang:$GO\nARG GO\nRUN echo $GO\nFROM alpine\nRUN echo $V\n", ""},
		{"redeclared env", "FROM alpine\nENV P=/a\nENV P=/b:$P\nRUN echo $P<|>\n", "Q", "FROM alpine\nENV Q=/a\nENV Q=/b:$Q\nRUN echo $Q\n", ""},
		{"variable name rule", "FROM alpine\nARG V<|>\n", "1V", "", "not a valid variable name"},
		{"variable collision", "FROM alpine\nARG V<|>\nARG W\n", "W", "", "already declared"},
		{"variable collision in a child stage", "FROM alpine AS a\nARG V<|>\nFROM a\nENV W=1\n", "W", "", "already declared"},
		{"variable capture", "FROM alpine\nARG V<|>\nRUN echo $HOME\n", "HOME", "", "already used"},
		{"unrelated stage is no collision", "FROM alpine\nARG V<|>\nFROM alpine\nARG W\n", "W", "FROM alpine\nARG W\nFROM alpine\nARG W\n", ""},
		{"predefined name refused", "FROM alpine\nARG V<|>\n", "TARGETOS", "", "predefined"},
		{"heredoc marker and terminator", "FROM alpine\nRUN <<-\"EO<|>T\" bash\n\techo hi\n\tEOT\n", "END", "FROM alpine\nRUN <<-\"END\" bash\n\techo hi\n\tEND\n", ""},
		{"heredoc name in the body", "FROM alpine\nRUN <<EO<|>T\necho\nEND\nEOT\n", "END", "", "end it early"},
		{"heredoc crlf", "FROM alpine\r\nRUN <<EOF\r\necho\r\nEO<|>F\r\n", "X", "FROM alpine\r\nRUN <<X\r\necho\r\nX\r\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, off, _ := marked(t, tt.input)
			edits, err := index(text).Rename(off, tt.newName)
			if tt.want == "" {
				if err == nil || !strings.Contains(err.Error(), tt.refusal) {
					t.Fatalf("Rename = %v, %v; want refusal with %q", edits, err, tt.refusal)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sort.Slice(edits, func(i, j int) bool { return edits[i].Range.Start > edits[j].Range.Start })
			got := text
			for _, e := range edits {
				got = got[:e.Range.Start] + e.NewText + got[e.Range.End:]
			}
			if got != tt.want {
				t.Errorf("after rename:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestValue(t *testing.T) {
	tests := []struct {
		input string
		want  string
		state model.VarState
	}{
		{"ARG V=1\nFROM alpine\nARG V\nRUN echo $V<|>\n", "1", model.Set},
		{"FROM alpine AS a\nENV A=/x\nFROM a\nENV B=$A/y\nRUN echo $B<|>\n", "/x/y", model.Set},
		{"FROM alpine\nENV P=$PATH:/x\nRUN echo $P<|>\n", "$PATH:/x", model.Set},
		{"FROM alpine\nARG V\nRUN echo $V<|>\n", "", model.Unset},
		{"FROM alpine\nARG TARGETOS\nRUN echo $TARGETOS<|>\n", "", model.Open},
		{"ARG A=1\nARG B=${A}-${C:-c}\nFROM x:$B<|>\n", "1-c", model.Set},
	}
	for _, tt := range tests {
		text, off, _ := marked(t, tt.input)
		x := index(text)
		sym, ok := x.At(off)
		if !ok || sym.Kind != VariableSymbol || sym.Var == nil {
			t.Fatalf("%q: no variable at cursor: %+v", tt.input, sym)
		}
		if got, st := x.Value(sym.Var); got != tt.want || st != tt.state {
			t.Errorf("%q: value %q (%d), want %q (%d)", tt.input, got, st, tt.want, tt.state)
		}
	}
}

// TestNeverPanics covers every offset of awkward inputs with every feature.
func TestNeverPanics(t *testing.T) {
	inputs := []string{
		"", "FROM", "COPY --from=", "RUN --mount=", "\x00\xff\xfe", "FROM a AS b\nRUN <<EOF\n",
		"# escape=`\nFROM a `\n", "ONBUILD", "ONBUILD COPY --from", "FROM --platform= ",
		"ARG A=${\nFROM $A\n", "FROM a\nRUN echo ${#}\n", "FROM a\nRUN <<-\n", "FROM a\nRUN <<''\nx\n",
		"FROM a AS b\nFROM b AS a\nCOPY --from=a / /\n", "FROM a\nENV A=$A\nENV A=$A$A\n",
	}
	for _, in := range inputs {
		sweep(t, in)
	}
}

func sweep(t testing.TB, text string) {
	x := index(text)
	for off := -1; off <= len(text)+1; off++ {
		x.Definition(off)
		x.References(off, true)
		x.Highlights(off)
		if _, _, err := x.PrepareRename(off); err == nil {
			if _, err := x.Rename(off, "renamed_x"); err != nil {
				if _, ok := err.(*RenameError); !ok {
					t.Fatalf("%q@%d: %v", text, off, err)
				}
			}
		}
	}
	for _, s := range x.symbols() {
		if v := s.Var; v != nil {
			x.Value(v)
		}
	}
}

// TestConcurrentUse shares one model between goroutines, as the server does
// between requests; run with -race.
func TestConcurrentUse(t *testing.T) {
	text := "ARG V=1\nFROM alpine:$V AS a\nARG V\nENV P=/x:$V\nFROM a\nCOPY --from=a /a /b\nRUN echo $P\n"
	m := model.Build(syntax.Parse(text))
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			x := For(m)
			for off := 0; off <= len(text); off++ {
				x.References(off, true)
				if s, ok := x.At(off); ok && s.Var != nil {
					x.Value(s.Var)
					x.Declarations(s.Var)
				}
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}
