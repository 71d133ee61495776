package format_test

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/format"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// markEnv expands every variable to a marker naming it, so that a changed
// variable reference changes the words.
type markEnv struct{}

func (markEnv) Get(name string) (string, bool) { return "<" + name + ">", true }
func (markEnv) Keys() []string                 { return nil }

// words splits s the way BuildKit's shell lexer does (quotes and escapes
// honoured, whitespace outside quotes only separating words); for text the
// lexer refuses, whitespace runs are collapsed.
func words(s string, escape rune) string {
	w, err := shell.NewLex(escape).ProcessWords(s, markEnv{})
	if err != nil {
		return "raw:" + strings.Join(strings.Fields(s), " ")
	}
	return strings.Join(w, "\x1f")
}

// dumpAST renders BuildKit's parse tree without positions. Original lines and
// shell-form command strings are compared as words: the formatter changes the
// whitespace between words and the case of keywords, nothing else.
func dumpAST(text string) (string, *parser.Result, error) {
	res, err := parser.Parse(strings.NewReader(text))
	if err != nil {
		return "", nil, err
	}
	esc := res.EscapeToken
	var b strings.Builder
	var node func(n *parser.Node, depth int)
	node = func(n *parser.Node, depth int) {
		cmd := strings.ToLower(n.Value)
		fmt.Fprintf(&b, "%s%s flags=%q attrs=%v comments=%q\n", strings.Repeat("  ", depth), cmd, n.Flags, n.Attributes, n.PrevComment)
		orig := strings.Fields(n.Original)
		for i := range orig {
			// keywords the formatter upper-cases; the values (next=) are compared exactly
			if i < 2 || strings.EqualFold(orig[i], "as") || strings.EqualFold(orig[i], "cmd") || strings.EqualFold(orig[i], "none") {
				orig[i] = strings.ToLower(orig[i])
			}
		}
		fmt.Fprintf(&b, "  original=%s\n", words(strings.Join(orig, " "), esc))
		shellForm := !n.Attributes["json"] && (cmd == "run" || cmd == "cmd" || cmd == "entrypoint" || cmd == "shell" || cmd == "healthcheck")
		for x := n.Next; x != nil; x = x.Next {
			if len(x.Children) > 0 {
				for _, c := range x.Children {
					node(c, depth+1)
				}
				continue
			}
			v := x.Value
			if shellForm {
				v = words(v, esc)
			}
			if cmd == "healthcheck" && x == n.Next || cmd == "from" && strings.EqualFold(v, "as") {
				v = strings.ToUpper(x.Value)
			}
			fmt.Fprintf(&b, "  next=%q\n", v)
		}
		for _, h := range n.Heredocs {
			fmt.Fprintf(&b, "  heredoc %q expand=%v chomp=%v content=%q\n", h.Name, h.Expand, h.Chomp, h.Content)
		}
	}
	for _, c := range res.AST.Children {
		node(c, 0)
	}
	return b.String(), res, nil
}

// dumpInstructions renders instructions.Parse's stages and commands without
// positions and original text; shell command lines are compared as words.
func dumpInstructions(res *parser.Result) (string, error) {
	stages, meta, err := instructions.Parse(res.AST, linter.New(&linter.Config{}))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	canon(&b, reflect.ValueOf(meta), "", res.EscapeToken, 0)
	canon(&b, reflect.ValueOf(stages), "", res.EscapeToken, 0)
	return b.String(), nil
}

// skipped fields hold positions or the source text as written.
// bf points back from a flag to its flag set.
var skipped = map[string]bool{"Location": true, "code": true, "SourceCode": true, "location": true, "bf": true}

func canon(b *strings.Builder, v reflect.Value, field string, esc rune, depth int) {
	if depth > 40 {
		b.WriteString("…")
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		canon(b, v.Elem(), field, esc, depth+1)
	case reflect.Struct:
		b.WriteString(v.Type().String() + "{")
		for i := 0; i < v.NumField(); i++ {
			name := v.Type().Field(i).Name
			if skipped[name] {
				continue
			}
			b.WriteString(name + ":")
			canon(b, v.Field(i), name, esc, depth+1)
			b.WriteString(" ")
		}
		b.WriteString("}")
	case reflect.Slice, reflect.Array:
		b.WriteString("[")
		for i := 0; i < v.Len(); i++ {
			canon(b, v.Index(i), field, esc, depth+1)
			b.WriteString(",")
		}
		b.WriteString("]")
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		b.WriteString("map[")
		for _, k := range keys {
			fmt.Fprint(b, k, "=")
			canon(b, v.MapIndex(k), field, esc, depth+1)
			b.WriteString(",")
		}
		b.WriteString("]")
	case reflect.String:
		s := v.String()
		switch field {
		case "CmdLine", "Test":
			s = words(s, esc)
		case "OrigCmd", "name":
			s = strings.ToLower(s)
		}
		fmt.Fprintf(b, "%q", s)
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
	default:
		fmt.Fprint(b, v)
	}
}

// sameInstructions reports how BuildKit's reading of after differs from its
// reading of before, or "" when it is the same (or before does not parse).
func sameInstructions(before, after string) string {
	d1, r1, err := dumpAST(before)
	if err != nil {
		return ""
	}
	d2, r2, err := dumpAST(after)
	if err != nil {
		return "the formatted file no longer parses: " + err.Error()
	}
	if d1 != d2 {
		return "parse trees differ:\n" + firstDiff(d1, d2)
	}
	i1, err1 := dumpInstructions(r1)
	i2, err2 := dumpInstructions(r2)
	if (err1 == nil) != (err2 == nil) {
		return fmt.Sprintf("instructions.Parse: %v before, %v after", err1, err2)
	}
	if i1 != i2 {
		return "instructions differ:\n" + firstDiff(i1, i2)
	}
	return ""
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("  before: %.400s\n  after:  %.400s", la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines before, %d after", len(la), len(lb))
}

// TestCorpusRoundTrip formats every real-world Dockerfile: BuildKit must read
// the result as the same instructions, and formatting it again must change
// nothing.
func TestCorpusRoundTrip(t *testing.T) {
	files := corpus.Files(t, "real")
	changed, edits, unparsed, noInstructions := 0, 0, 0, 0
	for _, path := range files {
		text := corpus.Read(t, path)
		f := syntax.Parse(text)
		es := format.Document(f, format.Options{})
		out := refactor.ApplyEdits(text, es)
		if again := refactor.ApplyEdits(out, format.Document(syntax.Parse(out), format.Options{})); again != out {
			t.Errorf("%s: formatting twice changes it again:\n%s", path, firstDiff(out, again))
		}
		if out != text {
			changed++
			edits += len(es)
		}
		if _, r, err := dumpAST(text); err != nil {
			unparsed++
			continue
		} else if _, err := dumpInstructions(r); err != nil {
			noInstructions++
		}
		if msg := sameInstructions(text, out); msg != "" {
			t.Errorf("%s: %s", path, msg)
		}
		// Keeping the indentation must be just as safe.
		kept := refactor.ApplyEdits(text, format.Document(f, format.Options{KeepIndent: true}))
		if msg := sameInstructions(text, kept); msg != "" {
			t.Errorf("%s (KeepIndent): %s", path, msg)
		}
	}
	t.Logf("%d files, %d changed by %d edits; %d not parsed by BuildKit (idempotence only), %d parsed but refused by instructions.Parse (parse tree compared)",
		len(files), changed, edits, unparsed, noInstructions)
}

// TestComparisonDetectsChanges makes sure the round-trip check would notice
// the changes the formatter must never make.
func TestComparisonDetectsChanges(t *testing.T) {
	for _, c := range [][2]string{
		{"FROM a\nRUN echo \"a  b\"\n", "FROM a\nRUN echo \"a b\"\n"},
		{"FROM a\nRUN echo a\\\nb\n", "FROM a\nRUN echo a\\\n  b\n"},
		{"FROM a\nENV A b \\\n  c\n", "FROM a\nENV A b \\\n    c\n"},
		{"FROM a AS b\n", "FROM a AS c\n"},
		{"FROM a\nRUN <<EOF\n  x\nEOF\n", "FROM a\nRUN <<EOF\nx\nEOF\n"},
		{"FROM a\nCMD [\"a\",  \"b\"]\n", "FROM a\nCMD [\"a\", \"c\"]\n"},
		{"FROM a\nRUN echo $A\n", "FROM a\nRUN echo $B\n"},
		{"FROM a\n# note\nRUN x\n", "FROM a\n# Note\nRUN x\n"},
	} {
		if sameInstructions(c[0], c[1]) == "" {
			t.Errorf("%q and %q read the same", c[0], c[1])
		}
	}
}

// FuzzDocument: formatting never panics, is idempotent, and BuildKit reads
// the result as it read the input.
func FuzzDocument(f *testing.F) {
	for _, s := range []string{
		"from a as b\nrun   x \\\n\t&& y\n", "RUN echo \"a \\\n  b\" \\\n c\n", "RUN <<EOF\n x \nEOF\n",
		"# escape=`\nrun a `\n  b\n", "ENV A b \\\n   c\n", "CMD [\"a\", \\\n  \"b\"]\n", "onbuild  run x\n",
		"RUN a\\\nb\n", "RUN 'a \\\n b'\n", "healthcheck cmd x\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		timer := time.AfterFunc(5*time.Second, func() { panic(fmt.Sprintf("slow input %q", text)) })
		defer timer.Stop()
		out := refactor.ApplyEdits(text, format.Document(syntax.Parse(text), format.Options{}))
		if again := refactor.ApplyEdits(out, format.Document(syntax.Parse(out), format.Options{})); again != out {
			t.Fatalf("not idempotent:\n%q\n%q\n%q", text, out, again)
		}
		if msg := sameInstructions(text, out); msg != "" {
			t.Fatalf("%q -> %q: %s", text, out, msg)
		}
	})
}
