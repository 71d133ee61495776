package syntax_test

import (
	"math/rand"
	"strings"
)

// fragments are the pieces generated documents are built from: the shapes
// that decide where a node ends (heredoc openers and closers, continuations,
// comments, blank lines, every line ending) and instruction keywords that a
// heredoc body may start with.
var fragments = []string{
	"FROM a", "FROM now on", "USER names", "RUN x", "WORKDIR /app", "CMD c",
	"COPY <<EOF /etc/motd", "RUN <<-EOF", "RUN <<'EOF' cat", `ADD <<"EOF" /x`, "RUN <<A cat - <<B", "ONBUILD RUN <<EOF",
	"EOF", "\tEOF", "A", "B", "E", "O", "F",
	"# c", "    # add curl", "#", "", "  ", "\t", "\v",
	" \\", " \\\\", "\\", " `", " ``", "`", "apk add curl", " && ", `"`, "'", `["a"]`, " --from=a",
	"\n", "\n", "\n", "\n", "\r\n", "\r\n", "\r", "\r\r\n", "\xef\xbb\xbf",
}

// prefixes start a generated document: a BOM and the directives change how
// everything after them is read.
var prefixes = []string{"", "", "\xef\xbb\xbf", "# escape=`\n", "\xef\xbb\xbf# escape=`\r\n", "# escape=\\\n", "# syntax=x\n# escape=`\n"}

// document builds a Dockerfile from choices, one fragment per byte; the
// first byte picks the prefix. Fuzz targets pass the fuzzer's bytes.
func document(choices []byte) string {
	if len(choices) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(prefixes[int(choices[0])%len(prefixes)])
	for _, c := range choices[1:] {
		b.WriteString(fragments[int(c)%len(fragments)])
	}
	return b.String()
}

func randomDocument(r *rand.Rand) string {
	choices := make([]byte, 1+r.Intn(40))
	r.Read(choices)
	return document(choices)
}

// snippets are what random edits insert: people's typing, and the fragments
// generated documents are built from.
var snippets = append([]string{"", "x", " ", "\n", "\\\n", "\r\n", "<<EOF\n", "EOF\n", "# c\n", "\"", "'", "--from=", ",", "=", "[\"a\"]", "RUN ", "FROM b AS c\n", "\t", "`", "<<-'X'\n\tX\n"}, fragments...)

// randomEdit mixes byte-level edits with the ones people make: typing,
// deleting, newlines, continuations, heredoc markers, comments, quotes.
func randomEdit(r *rand.Rand, text string) (int, int, string) {
	start := r.Intn(len(text) + 1)
	end := start
	if r.Intn(3) == 0 {
		end = min(len(text), start+r.Intn(40))
	}
	ins := snippets[r.Intn(len(snippets))]
	if r.Intn(10) == 0 && end > start {
		ins = text[start:end] + ins
	}
	return start, end, ins
}
