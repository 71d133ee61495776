package format_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/format"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/refactor"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

func formatText(text string, opt format.Options) string {
	return refactor.ApplyEdits(text, format.Document(syntax.Parse(text), opt))
}

func TestDocument(t *testing.T) {
	tabs := format.Options{Indent: "\t"}
	keep := format.Options{KeepIndent: true}
	tests := []struct {
		name, in, want string
		opt            format.Options
	}{
		{"casing and spaces", "from alpine as build\nrun   echo hi   \n", "FROM alpine AS build\nRUN echo hi\n", format.Options{}},
		{"indented instruction", "FROM a\n   RUN x\n\tCOPY a b\n", "FROM a\nRUN x\nCOPY a b\n", format.Options{}},
		{"continuations", "RUN a \\\n  && b \\\n      && c\n", "RUN a \\\n    && b \\\n        && c\n", format.Options{}},
		{"tabs to spaces", "RUN a \\\n\t&& b\n", "RUN a \\\n    && b\n", format.Options{}},
		{"tab indent", "RUN a \\\n    && b \\\n        && c\n", "RUN a \\\n\t&& b \\\n\t\t&& c\n", tabs},
		{"nested depth kept", "RUN if x; then \\\n\t\techo; \\\n\tfi\n", "RUN if x; then \\\n        echo; \\\n    fi\n", format.Options{}},
		{"keep indentation", "run a \\\n  && b \\\n\t && c   \n", "RUN a \\\n  && b \\\n\t && c\n", keep},
		{"inside double quotes", "RUN echo \"a \\\n   b\" \\\n  c\n", "RUN echo \"a \\\n   b\" \\\n    c\n", format.Options{}},
		{"inside single quotes", "RUN echo 'a \\\n b' \\\n  c\n", "RUN echo 'a \\\n b' \\\n    c\n", format.Options{}},
		{"would split a word", "RUN echo a\\\nb\n", "RUN echo a\\\nb\n", format.Options{}},
		{"word boundary before", "RUN echo a \\\nb\n", "RUN echo a \\\n    b\n", format.Options{}},
		{"indentation is the boundary", "RUN echo a\\\n  b\n", "RUN echo a\\\n    b\n", format.Options{}},
		{"heredoc body untouched", "run <<EOF   \n  body   \n\tEOF\nEOF\nrun  x\n", "RUN <<EOF\n  body   \n\tEOF\nEOF\nRUN x\n", format.Options{}},
		{"heredoc with tabs", "RUN <<-EOT bash\n\techo hi  \n\tEOT\n", "RUN <<-EOT bash\n\techo hi  \n\tEOT\n", format.Options{}},
		{"json untouched", "CMD [\"a\",   \\\n      \"b\"]   \n", "CMD [\"a\",   \\\n      \"b\"]\n", format.Options{}},
		{"comments", "# Comment   \n  # indented\nFROM a\n", "# Comment\n  # indented\nFROM a\n", format.Options{}},
		{"directives untouched", "# syntax=docker/dockerfile:1   \nfrom a\n", "# syntax=docker/dockerfile:1   \nFROM a\n", format.Options{}},
		{"blank lines", "FROM a\n   \n\t\nRUN b\n  ", "FROM a\n\n\nRUN b\n", format.Options{}},
		{"crlf", "from a\r\nrun b \\\r\n  c   \r\n", "FROM a\r\nRUN b \\\r\n    c\r\n", format.Options{}},
		{"onbuild", "onbuild   run   echo\n", "ONBUILD RUN echo\n", format.Options{}},
		{"healthcheck", "healthcheck --interval=5s cmd curl x\nhealthcheck none\n", "HEALTHCHECK --interval=5s CMD curl x\nHEALTHCHECK NONE\n", format.Options{}},
		{"legacy env verbatim", "ENV A b \\\n      c\n", "ENV A b \\\n      c\n", format.Options{}},
		{"env pairs", "ENV A=b \\\n      C=d\n", "ENV A=b \\\n    C=d\n", format.Options{}},
		{"workdir verbatim", "WORKDIR /a \\\n  b\n", "WORKDIR /a \\\n  b\n", format.Options{}},
		{"escape backtick", "# escape=`\nrun a `\n  b\n", "# escape=`\nRUN a `\n    b\n", format.Options{}},
		{"comment in a continuation", "RUN a \\\n  # note  \n  && b\n", "RUN a \\\n    # note\n    && b\n", format.Options{}},
		{"empty continuation line", "RUN a \\\n   \n  b\n", "RUN a \\\n\n    b\n", format.Options{}},
		{"unknown instruction", "runn  x   \n", "runn  x\n", format.Options{}},
		{"keyword alone", "from\n", "FROM\n", format.Options{}},
		{"blanks after the continuation", "RUN a \\   \n  b\n", "RUN a \\\n    b\n", format.Options{}},
		{"bom", "\xef\xbb\xbf  from a\n", "\xef\xbb\xbfFROM a\n", format.Options{}},
		{"keyword then continuation", "RUN   \\\n  echo\n", "RUN \\\n    echo\n", format.Options{}},
		{"flags keep their spacing", "COPY  --from=a   --chown=1 x y\n", "COPY --from=a   --chown=1 x y\n", format.Options{}},
		{"unterminated heredoc", "RUN <<EOF\n  x  \nFROM a  \n", "RUN <<EOF\n  x  \nFROM a\n", format.Options{}},
		{"lone as is not AS", "FROM a as\n", "FROM a as\n", format.Options{}},
		{"blanks after a lone CR", "RUN a \\\r  \nRUN b\n", "RUN a \\\r  \nRUN b\n", format.Options{}},
		{"lone CR inside a line", "from a\rrun b  \n", "FROM a\rrun b\n", format.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := formatText(tt.in, tt.opt)
			if got != tt.want {
				t.Fatalf("format(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if again := formatText(got, tt.opt); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
			if msg := sameInstructions(tt.in, got); msg != "" {
				t.Errorf("BuildKit reads it differently: %s", msg)
			}
		})
	}
}

// TestDocumentAfterTypingATerminator formats a file whose unterminated
// heredoc was closed by typing: the result is that of a fresh scan, and no
// edit touches the heredoc body (issue 10: format-on-save edited /etc/motd).
func TestDocumentAfterTypingATerminator(t *testing.T) {
	text := "FROM alpine:3.20\nCOPY <<EOF /etc/motd\nFROM now on, all access is logged\nUSER   names are checked\n"
	f := syntax.Parse(text)
	for i, c := range "EOF\n" {
		f = f.Apply(len(text)+i, len(text)+i, string(c))
	}
	edits := format.Document(f, format.Options{})
	if want := format.Document(syntax.Parse(f.Text), format.Options{}); !reflect.DeepEqual(edits, want) {
		t.Errorf("edits %v, a fresh scan gives %v", edits, want)
	}
	hs := f.Node(1).Heredocs()
	if len(hs) != 1 || !hs[0].Terminated {
		t.Fatalf("heredocs %v, want one terminated", hs)
	}
	for _, e := range edits {
		if e.Range.End > hs[0].Body.Start && e.Range.Start < hs[0].Terminator.End {
			t.Errorf("edit %v inside the heredoc %v", e, hs[0].Body)
		}
	}
}

func TestRange(t *testing.T) {
	text := "from a\nrun b  \ncopy c d\n"
	f := syntax.Parse(text)
	start := strings.Index(text, "run")
	got := refactor.ApplyEdits(text, format.Range(f, syntax.Range{Start: start, End: start + 3}, format.Options{}))
	if want := "from a\nRUN b\ncopy c d\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestOnType(t *testing.T) {
	tests := []struct {
		name, in string // <|> marks the offset after the typed character
		ch, want string
	}{
		{"newline formats the finished line", "from a\nrun   b  \n<|>", "\n", "from a\nRUN b\n"},
		{"newline indents a continuation", "from a\nrun b \\\n<|>", "\n", "from a\nRUN b \\\n    "},
		{"continuation keeps the previous indentation", "FROM a\nRUN b \\\n    && c \\\n\t  && d \\\n<|>", "\n", "FROM a\nRUN b \\\n    && c \\\n      && d \\\n      "},
		{"no indent after a complete line", "FROM a\nRUN b\n<|>", "\n", "FROM a\nRUN b\n"},
		{"no indent in json", "FROM a\nCMD [\"a\", \\\n<|>", "\n", "FROM a\nCMD [\"a\", \\\n"},
		{"space upper-cases the keyword", "from a\nrun <|>", " ", "from a\nRUN "},
		{"space after onbuild's instruction", "FROM a\nONBUILD copy <|>", " ", "FROM a\nONBUILD COPY "},
		{"space elsewhere does nothing", "FROM a\nrun echo <|>", " ", "FROM a\nrun echo "},
		{"first line", "from<|>", "\n", "from"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off := strings.Index(tt.in, "<|>")
			text := tt.in[:off] + tt.in[off+3:]
			got := refactor.ApplyEdits(text, format.OnType(syntax.Parse(text), off, tt.ch, format.Options{}))
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestCorpusOnTypeAndRange runs on-type formatting at every line start and
// after every space, and range formatting of every node, on a tenth of the
// real files: edits must stay sorted, disjoint and inside the text, and a
// range's edits must be a subset of the document's.
func TestCorpusOnTypeAndRange(t *testing.T) {
	files := corpus.Files(t, "real")
	check := func(path string, text string, es []analysis.Edit) {
		t.Helper()
		last := 0
		for _, e := range es {
			if e.Range.Start < last || e.Range.End < e.Range.Start || e.Range.End > len(text) {
				t.Fatalf("%s: bad edits %+v", path, es)
			}
			last = e.Range.End
		}
	}
	for i, path := range files {
		if i%10 != 0 {
			continue
		}
		text := corpus.Read(t, path)
		f := syntax.Parse(text)
		all := map[analysis.Edit]bool{}
		for _, e := range format.Document(f, format.Options{}) {
			all[e] = true
		}
		for off := 1; off <= len(text); off++ {
			switch text[off-1] {
			case '\n':
				check(path, text, format.OnType(f, off, "\n", format.Options{}))
			case ' ':
				check(path, text, format.OnType(f, off, " ", format.Options{}))
			}
		}
		for j := 0; j < f.Len(); j++ {
			es := format.Range(f, f.Node(j).Range(), format.Options{})
			check(path, text, es)
			for _, e := range es {
				if !all[e] {
					t.Fatalf("%s: range edit %+v not in the document's", path, e)
				}
			}
		}
	}
}
