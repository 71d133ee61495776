package syntax_test

import (
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// slice returns the text a range covers, or a marker when it is out of bounds.
func slice(text string, r syntax.Range) string {
	if r.Start < 0 || r.End > len(text) || r.Start > r.End {
		return fmt.Sprintf("<bad range %v>", r)
	}
	return text[r.Start:r.End]
}

func TestInstructions(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // one line per instruction: Command|args text|flag names and values|args
	}{
		{"simple", "FROM alpine:3.20 AS build\nRUN make\n",
			[]string{"FROM||[alpine:3.20 AS build]", "RUN||[make]"}},
		{"flags", "COPY --from=build --chown=1:1 /a /b",
			[]string{"COPY|from=build@build chown=1:1@1:1|[/a /b]"}},
		{"half-typed flag", "COPY --from=",
			[]string{"COPY|from=@|[]"}},
		{"flag without value", "COPY --link /a /b",
			[]string{"COPY|link|[/a /b]"}},
		{"mount fields", "RUN --mount=type=cache,from=x,target=/y go build",
			[]string{"RUN|mount=type=cache,from=x,target=/y@type=cache,from=x,target=/y{type=cache from=x target=/y}|[go build]"}},
		{"continuation", "RUN apt-get update \\\n  # comment\n\n  && apt-get install -y curl\nCMD [\"sh\"]",
			[]string{"RUN||[apt-get update && apt-get install -y curl]", "CMD|json|[sh]"}},
		{"continuation with trailing blanks", "RUN a \\  \n b",
			[]string{"RUN||[a b]"}},
		{"quotes", `ENV A="x y" B='$z'`,
			[]string{"ENV||[A=x y B=$z]"}},
		{"json", `ENTRYPOINT ["/bin/app", "--flag"]`,
			[]string{"ENTRYPOINT|json|[/bin/app --flag]"}},
		{"broken json", `CMD ["a",`,
			[]string{`CMD||[[a,]`}},
		{"keyword only", "FROM", []string{"FROM||[]"}},
		{"lower case", "from alpine as x", []string{"FROM||[alpine as x]"}},
		{"crlf", "FROM a\r\nRUN b \\\r\n c\r\n", []string{"FROM||[a]", "RUN||[b c]"}},
		{"lone cr", "FROM a\rRUN b\r", []string{"FROM||[a RUN b]"}}, // BuildKit splits lines at "\n" only
		{"cr before lf", "RUN a \\\r\r\n b\r\r\nCMD c", []string{"RUN||[a b]", "CMD||[c]"}},
		{"doubled escape", "RUN echo hello \\\\\nRUN b", []string{"RUN||[echo hello \\]", "RUN||[b]"}},
		{"three escapes", "RUN a \\\\\\\n b", []string{"RUN||[a \\\\]", "B||[]"}},
		{"escape alone on a line", "  \\\nRUN b", []string{"RUN||[b]"}},
		{"doubled backtick", "# escape=`\nRUN a ``\nRUN b", []string{"RUN||[a `]", "RUN||[b]"}},
		{"unicode blank line in continuation", "RUN a \\\n\u00a0\v\n b", []string{"RUN||[a b]"}},
		{"bom", "\xef\xbb\xbfFROM a", []string{"FROM||[a]"}},
		{"backtick escape", "# escape=`\nRUN dir C:\\ `\n  /s", []string{"RUN||[dir C:\\ /s]"}},
		{"onbuild", "ONBUILD COPY --from=build /a /b", []string{"ONBUILD||[]>COPY|from=build@build|[/a /b]"}},
		{"heredoc", "RUN <<EOF\nFROM x\necho\nEOF\nCMD x", []string{"RUN|heredoc EOF body=\"FROM x\\necho\\n\"|[<<EOF]", "CMD||[x]"}},
		{"heredoc strip tabs quoted", "COPY <<-\"END\" /f\n\tx\n\tEND\n", []string{"COPY|heredoc END- quoted body=\"\\tx\\n\"|[<<-END /f]"}},
		{"two heredocs", "RUN <<A cat - <<B\na\nA\nb\nB\nUSER x", []string{
			"RUN|heredoc A body=\"a\\n\" heredoc B body=\"b\\n\"|[<<A cat - <<B]", "USER||[x]"}},
		{"unterminated heredoc", "RUN <<EOF\necho hi\nUSER nobody\n", []string{
			"RUN|heredoc EOF unterminated body=\"echo hi\\n\"|[<<EOF]", "USER||[nobody]"}},
		{"garbage", "\x00\xff\xfe RUN", []string{"\x00\ufffd\ufffd||[RUN]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := syntax.Parse(tt.text)
			var got []string
			for _, n := range f.Instructions() {
				got = append(got, describe(f.Text, n))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func describe(text string, n syntax.Node) string {
	var b strings.Builder
	b.WriteString(n.Command() + "|")
	var parts []string
	if n.IsJSON() {
		parts = append(parts, "json")
	}
	for _, fl := range n.Flags() {
		p := fl.Name
		if fl.HasValue {
			p += "=" + fl.Value + "@" + slice(text, fl.ValueRange)
		}
		if len(fl.Fields) > 1 {
			var kvs []string
			for _, kv := range fl.Fields {
				kvs = append(kvs, slice(text, kv.KeyRange)+"="+slice(text, kv.ValueRange))
			}
			p += "{" + strings.Join(kvs, " ") + "}"
		}
		parts = append(parts, p)
	}
	for _, h := range n.Heredocs() {
		p := "heredoc " + h.Name
		if h.StripTabs {
			p += "-"
		}
		if h.Quoted {
			p += " quoted"
		}
		if !h.Terminated {
			p += " unterminated"
		}
		parts = append(parts, p+fmt.Sprintf(" body=%q", slice(text, h.Body)))
	}
	b.WriteString(strings.Join(parts, " "))
	var args []string
	for _, a := range n.Args() {
		args = append(args, a.Value)
	}
	fmt.Fprintf(&b, "|%v", args)
	if inner, ok := n.OnBuild(); ok {
		b.WriteString(">" + describe(text, inner))
	}
	return b.String()
}

func TestRanges(t *testing.T) {
	text := "FROM golang:1.22 AS build\nCOPY --from=build \\\n  --chown=1:1 /src /dst\nRUN --mount=type=cache,from=base,target=/root/.cache go build\n"
	f := syntax.Parse(text)
	ins := f.Instructions()
	if len(ins) != 3 {
		t.Fatalf("got %d instructions", len(ins))
	}
	copyNode := ins[1]
	from, _ := copyNode.Flag("from")
	chown, _ := copyNode.Flag("chown")
	checks := map[string]syntax.Range{
		"FROM":                 ins[0].Keyword().Range,
		"build":                from.ValueRange,
		"from":                 from.NameRange,
		"--chown=1:1":          chown.Range,
		"/src /dst":            copyNode.ArgsRange(),
		"base":                 ins[2].Flags()[0].Fields[1].ValueRange,
		"target":               ins[2].Flags()[0].Fields[2].KeyRange,
		"go build":             ins[2].ArgsRange(),
		"golang:1.22 AS build": ins[0].ArgsRange(),
		"COPY --from=build \\\n  --chown=1:1 /src /dst": copyNode.Range(),
	}
	for want, r := range checks {
		if got := slice(text, r); got != want {
			t.Errorf("range %v = %q, want %q", r, got, want)
		}
	}
	if n := copyNode.Text(); n != slice(text, copyNode.Range()) {
		t.Errorf("Text() = %q", n)
	}
	// An empty value range sits right after '='.
	f = syntax.Parse("COPY --from= /a /b")
	fl, _ := f.Instructions()[0].Flag("from")
	if fl.ValueRange != (syntax.Range{Start: 12, End: 12}) || !fl.HasValue {
		t.Errorf("empty value range = %v", fl.ValueRange)
	}
	// Args range is empty after the last flag when nothing follows.
	f = syntax.Parse("COPY --from=x ")
	if r := f.Instructions()[0].ArgsRange(); r != (syntax.Range{Start: 13, End: 13}) {
		t.Errorf("empty args range = %v", r)
	}
}

func TestDirectives(t *testing.T) {
	tests := []struct {
		text   string
		names  []string
		escape byte
	}{
		{"# syntax=docker/dockerfile:1\n# escape=`\nFROM a", []string{"syntax", "escape"}, '`'},
		{"#escape = `\n", []string{"escape"}, '`'},
		{"\xef\xbb\xbf# check=skip=all\nFROM a", []string{"check"}, '\\'},
		{"# hello\n# escape=`\nFROM a", nil, '\\'},
		{"\n# escape=`\nFROM a", nil, '\\'},
		{"# escape=\\\n# escape=`\n", []string{"escape"}, '\\'},
		{"# unknown=1\n# escape=`\n", nil, '\\'},
	}
	for _, tt := range tests {
		f := syntax.Parse(tt.text)
		var names []string
		for _, d := range f.Directives {
			names = append(names, d.Name)
			if slice(f.Text, d.ValueRange) != d.Value {
				t.Errorf("%q: value range %v != %q", tt.text, d.ValueRange, d.Value)
			}
		}
		if !reflect.DeepEqual(names, tt.names) || f.Escape != tt.escape {
			t.Errorf("%q: directives %v escape %q, want %v %q", tt.text, names, f.Escape, tt.names, tt.escape)
		}
	}
}

func TestNodeAtAndComments(t *testing.T) {
	text := "# top\nFROM a\n\n# note\nRUN b"
	f := syntax.Parse(text)
	if f.Len() != 4 {
		t.Fatalf("Len = %d, want 4 (two comments, two instructions)", f.Len())
	}
	if k := f.Node(0).Kind(); k != syntax.KindComment {
		t.Errorf("node 0 kind %v", k)
	}
	for off, want := range map[int]int{0: 0, 6: 1, 12: 1, 13: -1, 14: 2, len(text): 3} {
		if got := f.NodeAt(off); got != want {
			t.Errorf("NodeAt(%d) = %d, want %d", off, got, want)
		}
	}
}

func TestLineIndex(t *testing.T) {
	text := "ab\r\ncd\ref\n\nxyz"
	x := syntax.NewLineIndex(text)
	if x.Lines() != 5 {
		t.Fatalf("Lines = %d", x.Lines())
	}
	wantLines := []string{"ab", "cd", "ef", "", "xyz"}
	for i, w := range wantLines {
		if got := x.LineText(i); got != w {
			t.Errorf("line %d = %q, want %q", i, got, w)
		}
	}
	for _, tc := range []struct{ off, line, col int }{{0, 0, 0}, {2, 0, 2}, {3, 0, 2}, {4, 1, 0}, {7, 2, 0}, {10, 3, 0}, {14, 4, 3}, {99, 4, 3}, {-5, 0, 0}} {
		if l, c := x.Position(tc.off); l != tc.line || c != tc.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tc.off, l, c, tc.line, tc.col)
		}
	}
	for _, tc := range []struct{ line, col, off int }{{0, 0, 0}, {0, 9, 2}, {1, 1, 5}, {4, 3, 14}, {9, 0, 14}, {-1, 3, 0}} {
		if got := x.Offset(tc.line, tc.col); got != tc.off {
			t.Errorf("Offset(%d,%d) = %d, want %d", tc.line, tc.col, got, tc.off)
		}
	}
}

// snapshot is everything a consumer can see of a file, for comparing an
// incrementally updated file with a fresh scan.
func snapshot(f *syntax.File) []string {
	var out []string
	for i := 0; i < f.Len(); i++ {
		n := f.Node(i)
		out = append(out, fmt.Sprintf("%d %v %v %q %v %v %v %v %v", n.Kind(), n.Range(), n.Keyword(), n.Text(), n.Flags(), n.Args(), n.ArgsRange(), n.Heredocs(), n.IsJSON()))
		if inner, ok := n.OnBuild(); ok {
			out = append(out, fmt.Sprintf("  onbuild %v %v %v", inner.Keyword(), inner.Flags(), inner.Args()))
		}
	}
	out = append(out, fmt.Sprintf("escape %q directives %v", f.Escape, f.Directives))
	return out
}

func checkIncremental(t testing.TB, before *syntax.File, start, end int, ins string) *syntax.File {
	t.Helper()
	before.Lines() // so that Apply derives the new index from this one
	after := before.Apply(start, end, ins)
	if d := divergence(after); d != "" {
		t.Fatalf("Apply(%d,%d,%q) on %q: %s", start, end, ins, before.Text, d)
	}
	return after
}

// divergence describes how an incrementally updated file differs from a
// fresh scan of its text, or is empty when it does not.
func divergence(after *syntax.File) string {
	fresh := syntax.Parse(after.Text)
	if !syntax.SameScan(after, fresh) {
		return fmt.Sprintf("\nincremental %q\nfresh       %q", snapshot(after), snapshot(fresh))
	}
	if got, want := lineStarts(after.Lines()), lineStarts(syntax.NewLineIndex(after.Text)); !reflect.DeepEqual(got, want) {
		return fmt.Sprintf("line starts\nincremental %v\nfresh       %v", got, want)
	}
	return ""
}

func lineStarts(x *syntax.LineIndex) []int {
	starts := make([]int, x.Lines())
	for i := range starts {
		starts[i] = x.LineStart(i)
	}
	return starts
}

// TestApplyLineIndex covers the edits that merge or split a "\r\n".
func TestApplyLineIndex(t *testing.T) {
	tests := []struct {
		text       string
		start, end int
		ins        string
	}{
		{"FROM a\rRUN b\n", 7, 7, "\n"},     // lone CR gains its LF
		{"FROM a\r\nRUN b\n", 7, 8, ""},     // CRLF loses its LF
		{"FROM a\r\nRUN b\n", 6, 7, ""},     // CRLF loses its CR
		{"FROM a\nRUN b\n", 6, 6, "\r"},     // LF gains a CR
		{"FROM a\nRUN b", 13, 13, "\r\n\r"}, // at the end
		{"", 0, 0, "FROM a\r\n\nRUN b"},
		{"FROM a\n\n\nRUN b\n", 0, 16, ""},
		{"FROM a\r\n\r\nRUN b\r\n", 8, 10, "x\ny\r"},
	}
	for _, tt := range tests {
		checkIncremental(t, syntax.Parse(tt.text), tt.start, tt.end, tt.ins)
	}
}

func TestApplyCases(t *testing.T) {
	tests := []struct {
		text       string
		start, end int
		ins        string
	}{
		{"FROM a\nRUN b\nCMD c", 9, 9, "x"},
		{"FROM a\nRUN b\nCMD c", 11, 11, " \\"},              // join the next line
		{"FROM a\nRUN b \\\nCMD c", 12, 14, ""},              // unjoin
		{"FROM a\nRUN <<EOF\nx\nEOF\nCMD c", 20, 23, ""},     // remove the terminator
		{"FROM a\nRUN <<EOF\nx\nCMD c", 17, 17, "EOF\n"},     // add it
		{"FROM a\nRUN b\r\nCMD c", 12, 12, "\n"},             // split a CRLF
		{"FROM a\n\n\nRUN b", 8, 8, "U"},                     // type on a blank line
		{"# escape=\\\nFROM a\nRUN b", 9, 10, "`"},           // directive edit
		{"FROM a\nRUN b", 0, 0, "# escape=`\n"},              // new directive
		{"FROM a\nRUN b \\\n\n# c\n d\nUSER e", 16, 16, "x"}, // inside skipped comment
		{"FROM a\nRUN b", 12, 12, "\nCMD"},                   // append at EOF
		{"FROM a\nRUN b", 3, 9, ""},                          // delete across nodes
	}
	for _, tt := range tests {
		checkIncremental(t, syntax.Parse(tt.text), tt.start, tt.end, tt.ins)
	}
}

// TestApplyAfterNodesThatReadToTheEnd covers the edits after a node that
// examined the rest of the file while the nodes scanned after it did not:
// they used to be kept as they were.
func TestApplyAfterNodesThatReadToTheEnd(t *testing.T) {
	motd := "FROM alpine:3.20\nCOPY <<EOF /etc/motd\nFROM now on, all access is logged\nUSER   names are checked\n"
	curl := "FROM alpine\nWORKDIR /app\nCOPY . .\nRUN apk update && \\\n    # add curl\n"
	tests := []struct {
		name, text string
		edits      []insertion
		want       []string // Command|args of each instruction of the result
	}{
		{"comment-only continuation at the end", "RUN a\\\n#\n", []insertion{{9, "b"}}, []string{"RUN|[ab]"}},
		{"unterminated heredoc with keyword lines", motd,
			[]insertion{{len(motd), "E"}, {len(motd) + 1, "O"}, {len(motd) + 2, "F"}, {len(motd) + 3, "\n"}},
			[]string{"FROM|[alpine:3.20]", "COPY|[<<EOF /etc/motd]"}},
		{"typing after a commented continuation", curl, typed(len(curl), "    apk add curl"),
			[]string{"FROM|[alpine]", "WORKDIR|[/app]", "COPY|[. .]", "RUN|[apk update && apk add curl]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := syntax.Parse(tt.text)
			for _, e := range tt.edits {
				f = checkIncremental(t, f, e.at, e.at, e.ins)
			}
			var got []string
			for _, n := range f.Instructions() {
				var args []string
				for _, a := range n.Args() {
					args = append(args, a.Value)
				}
				got = append(got, fmt.Sprintf("%s|%v", n.Command(), args))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// insertion is an edit that inserts ins at at.
type insertion struct {
	at  int
	ins string
}

// typed is s typed one byte at a time from off on.
func typed(off int, s string) []insertion {
	out := make([]insertion, len(s))
	for i := range len(s) {
		out[i] = insertion{off + i, s[i : i+1]}
	}
	return out
}

func TestApplyReusesUntouchedNodes(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&b, "RUN echo %d\n", i)
	}
	f := syntax.Parse(b.String())
	off := f.Node(50).Offset + 4
	g := f.Apply(off, off, "x")
	for i := 0; i < g.Len(); i++ {
		if same := g.Node(i).Same(f.Node(i)); same == (i == 50) {
			t.Errorf("node %d reused = %v", i, same)
		}
	}
}

// TestApplyMatchesParse is the property test of the incremental update:
// random edits, each compared with a scan from scratch, on real Dockerfiles
// and on generated documents full of the shapes where a node's end depends
// on text far after its start (unterminated heredocs whose bodies hold
// instruction keywords, continuations whose comments reach the end of the
// file), with CRLF, lone CR, a BOM and the backtick escape.
func TestApplyMatchesParse(t *testing.T) {
	t.Run("corpus", func(t *testing.T) {
		r := rand.New(rand.NewSource(1))
		edits := 0
		for _, set := range []string{"real", "naive"} {
			for i, path := range corpus.Files(t, set) {
				if testing.Short() && i%10 != 0 {
					continue
				}
				f := syntax.Parse(corpus.Read(t, path))
				for k := 0; k < 12; k++ {
					start, end, ins := randomEdit(r, f.Text)
					f = checkIncremental(t, f, start, end, ins)
					edits++
				}
			}
		}
		t.Logf("%d random edits on corpus files matched a fresh scan", edits)
	})
	t.Run("generated", func(t *testing.T) {
		docs := 6000 // 120,000 edits and more
		if testing.Short() {
			docs = 600
		}
		r := rand.New(rand.NewSource(2))
		edits := 0
		for d := 0; d < docs; d++ {
			f := syntax.Parse(randomDocument(r))
			for k := 0; k < 10; k++ {
				start, end, ins := randomEdit(r, f.Text)
				if r.Intn(4) == 0 {
					// Typed one byte at a time, as in an editor.
					for i := range len(ins) {
						f = checkIncremental(t, f, start+i, start+i, ins[i:i+1])
						edits++
					}
					continue
				}
				f = checkIncremental(t, f, start, end, ins)
				edits++
			}
		}
		t.Logf("%d random edits on %d generated documents matched a fresh scan", edits, docs)
	})
}

func TestParseCorpusNeverLosesText(t *testing.T) {
	for _, path := range corpus.Files(t, "real") {
		text := corpus.Read(t, path)
		f := syntax.Parse(text)
		prev := 0
		for i := 0; i < f.Len(); i++ {
			n := f.Node(i)
			if n.Range().Start < prev || n.Text() != text[n.Range().Start:n.Range().End] {
				t.Fatalf("%s: node %d range %v out of order or text mismatch", path, i, n.Range())
			}
			// Everything between nodes is blank or directive.
			if gap := strings.TrimSpace(strings.TrimPrefix(text[prev:n.Range().Start], "\xef\xbb\xbf")); gap != "" && prev > 0 {
				t.Fatalf("%s: text between nodes lost: %q", path, gap)
			}
			prev = n.Range().End
		}
	}
}

// FuzzParse checks that the scan of any text keeps every range inside its
// node and the line index consistent, and that instructions start where
// BuildKit's parser starts them. The text is a document built from
// fuzzer-chosen fragments (see document) followed by raw bytes.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"FROM a AS b\nCOPY --from=b /x /y\n", "RUN <<EOF\nx\nEOF\n", "# escape=`\nRUN a `\n b", "ONBUILD RUN --mount=type=cache,from=x a", "CMD [\"a\"]\r\n", "RUN echo hello \\\\\nRUN b\n", "FROM a\rRUN b\n"} {
		f.Add([]byte(nil), s)
	}
	f.Add([]byte{3, 10, 43, 16, 43, 12, 40, 30, 40}, "")
	f.Fuzz(func(t *testing.T, choices []byte, raw string) {
		text := document(choices) + raw
		file := syntax.Parse(text)
		for i := 0; i < file.Len(); i++ {
			n := file.Node(i)
			r := n.Range()
			if r.Start < 0 || r.End > len(text) || n.Text() != text[r.Start:r.End] {
				t.Fatalf("node %d range %v invalid", i, r)
			}
			for _, w := range n.Args() {
				if w.Range.Start < r.Start || w.Range.End > r.End {
					t.Fatalf("word %v outside node %v", w.Range, r)
				}
			}
			for _, fl := range n.Flags() {
				if fl.ValueRange.Start < r.Start || fl.ValueRange.End > r.End {
					t.Fatalf("flag %v outside node %v", fl.ValueRange, r)
				}
			}
		}
		x := file.Lines()
		for off := 0; off <= len(text); off += 1 + len(text)/16 {
			l, c := x.Position(off)
			if back := x.Offset(l, c); back != off && !(off > 0 && (text[off-1] == '\r' || text[off-1] == '\n' && off < len(text))) && back > off {
				t.Fatalf("Offset(Position(%d)) = %d", off, back)
			}
		}
		if d := boundaryDivergence(text); d != "" {
			t.Fatal(d)
		}
	})
}

// FuzzApply checks sequences of edits against a fresh scan. The document is
// built from fuzzer-chosen fragments (see document) followed by raw bytes;
// every four bytes of edits are one edit: where (two bytes), how many bytes
// to delete, and which snippet to insert.
func FuzzApply(f *testing.F) {
	snippet := func(s string) byte { return byte(slices.Index(snippets, s)) }
	motd := "FROM alpine:3.20\nCOPY <<EOF /etc/motd\nFROM now on, all access is logged\nUSER   names are checked\n"
	f.Add([]byte(nil), "RUN a\\\n#\n", []byte{0, 9, 0, snippet("x")})
	f.Add([]byte(nil), motd, []byte{0, 97, 0, snippet("E"), 0, 98, 0, snippet("O"), 0, 99, 0, snippet("F"), 0, 100, 0, snippet("\n")})
	f.Add([]byte(nil), "FROM a\nRUN b \\\n c\nCMD d", []byte{0, 10, 2, snippet("\\\n")})
	f.Add([]byte(nil), "RUN <<EOF\nx\nEOF\nUSER y", []byte{0, 10, 1, snippet("")})
	f.Add([]byte{3, 10, 43, 16, 43, 12, 40, 30, 40, 45}, "", []byte{0, 0, 0, snippet("\r\n"), 0, 20, 3, snippet("EOF")})
	f.Fuzz(func(t *testing.T, choices []byte, raw string, edits []byte) {
		file := syntax.Parse(document(choices) + raw)
		for i := 0; i+4 <= len(edits) && i < 4*32; i += 4 {
			n := len(file.Text)
			start := (int(edits[i])<<8 | int(edits[i+1])) % (n + 1)
			end := min(n, start+int(edits[i+2])/4)
			file = checkIncremental(t, file, start, end, snippets[int(edits[i+3])%len(snippets)])
		}
	})
}

func generated(lines int) string {
	var b strings.Builder
	b.WriteString("# syntax=docker/dockerfile:1\n")
	for i := 0; b.Len() == 0 || strings.Count(b.String(), "\n") < lines; i++ {
		fmt.Fprintf(&b, "FROM golang:1.22 AS build%d\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN --mount=type=cache,target=/root/.cache \\\n    go mod download && \\\n    go build -o /out/app%d .\n# comment\nCOPY --from=build%d /out/app%d /app\n\n", i, i, i, i)
	}
	return b.String()
}

func benchParse(b *testing.B, lines int) {
	text := generated(lines)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		syntax.Parse(text)
	}
}

func BenchmarkParse50(b *testing.B)   { benchParse(b, 50) }
func BenchmarkParse2000(b *testing.B) { benchParse(b, 2000) }

// BenchmarkApplyOneChar2000 is the keystroke path: one character typed in
// the middle of a 2,000-line file.
func BenchmarkApplyOneChar2000(b *testing.B) {
	f := syntax.Parse(generated(2000))
	off := strings.Index(f.Text[len(f.Text)/2:], "go build") + len(f.Text)/2
	for b.Loop() {
		f.Apply(off, off, "x")
	}
}
