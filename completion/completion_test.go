package completion

import (
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/corpus"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// cursor marks the completion position in test inputs.
const cursor = "<|>"

const stages = "FROM golang:1.22 AS build\nRUN go build\n\nFROM alpine:3.20 AS Tools\nRUN true\n\nFROM debian:12\nRUN true\n\n"

func TestStageCompletion(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		want    []string // labels in order; nil means no completion
		replace string   // the replaced text
	}{
		{"copy from empty", stages + "FROM alpine\nCOPY --from=<|>", []string{"build", "tools", "2"}, ""},
		{"copy from prefix", stages + "FROM alpine\nCOPY --from=bu<|>", []string{"build"}, "bu"},
		{"copy from prefix is case-insensitive", stages + "FROM alpine\nCOPY --from=TO<|>", []string{"tools"}, "TO"},
		{"copy from mid-word replaces the word", stages + "FROM alpine\nCOPY --from=bu<|>ild /a /b", []string{"build"}, "build"},
		{"trailing spaces after the line", stages + "FROM alpine\nCOPY --from=<|>   ", []string{"build", "tools", "2"}, ""},
		{"other flag before", stages + "FROM alpine\nCOPY --chown=1:1 --from=<|>", []string{"build", "tools", "2"}, ""},
		{"other flags around", stages + "FROM alpine\nCOPY --chown=1:1 --from=b<|> --chmod=755 /a /b", []string{"build"}, "b"},
		{"followed by more lines", stages + "FROM alpine\nCOPY --from=<|>\nRUN true\n", []string{"build", "tools", "2"}, ""},
		{"current stage excluded", "FROM alpine AS a\nRUN true\nFROM alpine AS b\nCOPY --from=<|>\nFROM alpine\n", []string{"a", "2"}, ""},
		{"stages that need the current one are excluded", "FROM alpine AS a\nCOPY --from=<|>\nFROM alpine AS b\nCOPY --from=a /x /y\nFROM alpine AS c\n", []string{"c"}, ""},
		{"later stages are fine for COPY", "FROM alpine AS a\nCOPY --from=<|>\nFROM alpine AS later\n", []string{"later"}, ""},
		{"onbuild copy", stages + "FROM alpine\nONBUILD COPY --from=<|>", []string{"build", "tools", "2"}, ""},
		{"mount from", stages + "FROM alpine\nRUN --mount=type=bind,from=<|>", []string{"build", "tools"}, ""},
		{"mount from prefix with more keys", stages + "FROM alpine\nRUN --mount=type=bind,from=t<|>,target=/t true", []string{"tools"}, "t"},
		{"mount key is not a value", stages + "FROM alpine\nRUN --mount=type=bind,fro<|>", nil, ""},
		{"from base lists earlier stages", stages + "FROM <|>", []string{"build", "tools"}, ""},
		{"from base prefix", stages + "FROM bu<|>", []string{"build"}, "bu"},
		{"from after platform flag", stages + "FROM --platform=$BUILDPLATFORM <|>", []string{"build", "tools"}, ""},
		{"from only earlier stages", "FROM alpine AS a\nFROM <|>\nFROM alpine AS later\n", []string{"a"}, ""},
		{"from stage name position is not a base", stages + "FROM build AS <|>", nil, ""},
		{"from keyword itself", stages + "FR<|>OM", nil, ""},
		{"copy source is not a stage", stages + "FROM alpine\nCOPY --from=build <|>", nil, ""},
		{"no stages yet", "COPY --from=<|>", nil, ""},
		{"escape backtick continuation", "# escape=`\nFROM alpine AS build\nFROM alpine\nCOPY `\n  --from=<|>", []string{"build"}, ""},
		{"crlf", "FROM alpine AS build\r\nFROM alpine\r\nCOPY --from=b<|>\r\n", []string{"build"}, "b"},
		{"heredoc body is not an instruction", "FROM alpine AS build\nRUN <<EOF\nCOPY --from=<|>\nEOF\n", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off := strings.Index(tt.input, cursor)
			if off < 0 {
				t.Fatal("no cursor marker")
			}
			text := tt.input[:off] + tt.input[off+len(cursor):]
			res := CompleteIn(model.Of(syntax.Parse(text)), off, Env{})
			// Other candidates (images, flags, keywords) may come along; this
			// table is about the stages.
			var got []string
			for _, it := range res.Items {
				if it.Kind == KindStage {
					got = append(got, it.Label)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Fatalf("labels = %v, want %v", got, tt.want)
			}
			if tt.want != nil {
				if r := text[res.Replace.Start:res.Replace.End]; r != tt.replace {
					t.Errorf("replaces %q, want %q", r, tt.replace)
				}
				if res.Items[0].Detail == "" || res.Items[0].Kind != KindStage {
					t.Errorf("item without detail or kind: %+v", res.Items[0])
				}
			}
		})
	}
}

// TestCompleteNeverPanics covers every offset of awkward inputs.
func TestCompleteNeverPanics(t *testing.T) {
	inputs := []string{
		"", "FROM", "COPY --from=", "RUN --mount=", "\x00\xff\xfe", "FROM a AS b\nRUN <<EOF\n",
		"# escape=`\nFROM a `\n", "ONBUILD", "ONBUILD COPY --from", "FROM --platform= ",
		"\xef\xbb\xbf", "\xef\xbb\xbfFROM a\n", "\xef\xbb\xbf\n", "\xef\xbb\xbf# syntax=x\n#", "\xef\xbb\xbf\r\nFROM",
	}
	for _, in := range inputs {
		m := model.Of(syntax.Parse(in))
		for off := -1; off <= len(in)+1; off++ {
			CompleteIn(m, off, Env{})
		}
	}
}

// A cursor inside a byte-order mark (an editor that keeps the mark counts
// it as a character) completes as at the start of the text.
func TestCompleteInByteOrderMark(t *testing.T) {
	for _, text := range []string{"\xef\xbb\xbf", "\xef\xbb\xbf\nFROM a\n", "\xef\xbb\xbf  \r\n"} {
		m := model.Of(syntax.Parse(text))
		want := labels(CompleteIn(m, 3, Env{}).Items)
		for off := range 3 {
			res := CompleteIn(m, off, Env{})
			if got := labels(res.Items); got != want || res.Replace.Start != 3 {
				t.Errorf("%q@%d: %s replacing %v, want %s as at 3", text, off, got, res.Replace, want)
			}
		}
		if want == "" {
			t.Errorf("%q: nothing offered at the start", text)
		}
	}
}

// TestCorpusEveryOffset completes at every byte offset of every real-world
// Dockerfile: it must never panic, always return a sane replace range, and
// every item must have a label, a kind and, when it names a catalogue entry,
// documentation for completionItem/resolve.
func TestCorpusEveryOffset(t *testing.T) {
	files := corpus.Files(t, "real")
	if testing.Short() {
		files = files[:len(files)/10]
	}
	keys := map[string]bool{}
	contexts := 0
	for _, path := range files {
		text := corpus.Read(t, path)
		f := syntax.Parse(text)
		m := model.Build(f)
		for off := 0; off <= len(text); off++ {
			res := CompleteIn(m, off, Env{})
			if res.Replace.Start < 0 || res.Replace.End > len(text) || res.Replace.Start > off || res.Replace.End < off {
				t.Fatalf("%s@%d: replace %v does not hold the cursor", path, off, res.Replace)
			}
			for _, it := range res.Items {
				if it.Label == "" || it.Kind == 0 {
					t.Fatalf("%s@%d: item without label or kind: %+v", path, off, it)
				}
				if it.Key != "" && !keys[it.Key] {
					if Documentation(it.Key, true) == "" {
						t.Fatalf("%s@%d: %s: no documentation for %q", path, off, it.Label, it.Key)
					}
					keys[it.Key] = true
				}
			}
			if len(res.Items) > 0 {
				contexts++
			}
		}
	}
	t.Logf("%d files: %d offsets with candidates, %d documented entries proposed", len(files), contexts, len(keys))
}
