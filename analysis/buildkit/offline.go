package buildkit

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/moby/buildkit/frontend/dockerfile/dfgitutil"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/buildkit/util/gitutil"
)

// BuildKit's lint is not as offline as it looks: when it converts
// `ADD git@host:repo.git /x` or `ADD ssh://git@host:port/repo.git /x`,
// llb.Git scans the SSH server's host key (sshutil.SSHKeyScan): a DNS lookup
// and a TCP connection to any host a Dockerfile names, through ssh.Dial
// without a timeout, so that one unanswered connection holds a BuildKit slot
// for good. A source made of variables can expand to such a remote too. No
// other conversion step reaches the network: image configs come from
// offlineResolver, named contexts and .dockerignore need a gateway client
// (there is none), llb.HTTP and git over https or git:// only describe
// what a build would fetch.
//
// So every ADD source that could be an SSH remote is prefixed with
// inertPrefix before BuildKit sees the file. The prefix keeps the line
// structure (BuildKit reports lines only), keeps the source a git reference
// (so --checksum, --keep-git-dir and the #ref fragment are checked as
// before) and keeps its variables (so UndefinedVar still sees them), but no
// expansion of it is an SSH remote.

// inertPrefix turns any source into a git:// URL on a host that is never
// contacted: llb.Git only dials SSH remotes.
const inertPrefix = "git://offline.invalid/"

// neutralizeRemoteSources returns f's text with inertPrefix in front of every
// ADD source (ONBUILD ADD included) that could reach the network.
func neutralizeRemoteSources(f *syntax.File) string {
	var inserts []int
	for _, n := range f.Instructions() {
		if on, ok := n.OnBuild(); ok {
			n = on
		}
		if n.Command() != "ADD" {
			continue
		}
		inserts = append(inserts, exposedSources(f, n)...)
	}
	if len(inserts) == 0 {
		return f.Text
	}
	var b strings.Builder
	b.Grow(len(f.Text) + len(inserts)*len(inertPrefix))
	last := 0
	for _, at := range inserts {
		b.WriteString(f.Text[last:at])
		b.WriteString(inertPrefix)
		last = at
	}
	b.WriteString(f.Text[last:])
	return b.String()
}

// exposedSources returns where inertPrefix goes for each source of the ADD n
// that could reach the network, in increasing order.
func exposedSources(f *syntax.File, n syntax.Node) []int {
	args := n.Args()
	if len(args) < 2 {
		return nil // BuildKit rejects the instruction before converting it
	}
	markers := map[int]bool{}
	for _, h := range n.Heredocs() {
		markers[h.Marker.Start] = true
	}
	var out []int
	for k, a := range args {
		last := k == len(args)-1 // the destination, or ends with it
		if markers[a.Range.Start] {
			continue
		}
		if n.IsJSON() {
			// BuildKit expands the decoded element; the prefix goes inside
			// the quotes.
			if !last && mayReachNetwork(a.Value, f.Escape) {
				out = append(out, a.Range.Start+1)
			}
			continue
		}
		raw := f.Text[a.Range.Start:a.Range.End]
		if strings.ContainsAny(raw, "\r\n") {
			// A word continued on the next line is not what BuildKit
			// reads: prefix it rather than guess.
			if !last {
				out = append(out, a.Range.Start)
			}
			continue
		}
		// BuildKit splits ADD's arguments at blanks even inside quotes:
		// each piece is a source of its own, but the very last one.
		pieces := blankSeparated(raw)
		if last && len(pieces) > 0 {
			pieces = pieces[:len(pieces)-1]
		}
		for _, i := range pieces {
			if mayReachNetwork(raw[i:i+wordLen(raw[i:])], f.Escape) {
				out = append(out, a.Range.Start+i)
			}
		}
	}
	return out
}

// blankSeparated returns where the pieces of s separated by BuildKit's
// blanks start.
func blankSeparated(s string) []int {
	var starts []int
	for i := 0; i < len(s); {
		if isBuildKitBlank(s[i]) {
			i++
			continue
		}
		starts = append(starts, i)
		i += wordLen(s[i:])
	}
	return starts
}

// wordLen is the length of the run of non-blanks that s starts with.
func wordLen(s string) int {
	n := 0
	for n < len(s) && !isBuildKitBlank(s[n]) {
		n++
	}
	return n
}

// isBuildKitBlank is what BuildKit's parser splits ADD's words at.
func isBuildKitBlank(c byte) bool {
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'
}

// mayReachNetwork reports whether BuildKit's lint could dial for the ADD
// source word: a variable may expand to anything, and a literal is checked
// the way BuildKit reads it.
func mayReachNetwork(word string, escape byte) bool {
	if strings.HasPrefix(word, inertPrefix) {
		return false
	}
	if i := strings.IndexByte(word, '$'); i >= 0 {
		// Whatever the variables hold, the text before them may already
		// rule an SSH remote out (https://host/app-$VERSION.tgz).
		if j := strings.IndexAny(word[:i], "\"'"+string(rune(escape))); j >= 0 {
			i = j
		}
		return couldStartSSH(word[:i])
	}
	v, _, err := shell.NewLex(rune(escape)).ProcessWord(word, shell.EnvsFromSlice(nil))
	if err != nil {
		return false // BuildKit stops at the same error before converting
	}
	return dialsSSH(v)
}

// dialsSSH mirrors BuildKit's ADD conversion: a git reference (not the
// deprecated github.com/... form, which ADD reads as a local path) whose
// remote uses SSH makes llb.Git scan the host key.
func dialsSSH(src string) bool {
	ref, isGit, err := dfgitutil.ParseGitRef(src)
	if err != nil || !isGit || ref.IndistinguishableFromLocal {
		return false
	}
	u, err := gitutil.ParseURL(ref.Remote)
	return err == nil && u.Scheme == gitutil.SSHProtocol
}

// couldStartSSH reports whether some SSH remote, as BuildKit's gitutil
// recognises one, starts with lit: ssh://… in any letter case, or the
// scp-style user@host:path.
func couldStartSSH(lit string) bool {
	const scheme = "ssh://"
	if strings.EqualFold(lit[:min(len(lit), len(scheme))], scheme[:min(len(lit), len(scheme))]) {
		return true
	}
	i := 0
	for i < len(lit) && isSCPUserByte(lit[i]) {
		i++
	}
	if i == len(lit) {
		return true
	}
	if i == 0 || lit[i] != '@' {
		return false
	}
	j := i + 1
	for j < len(lit) && isSCPHostByte(lit[j]) {
		j++
	}
	return j == len(lit) || j > i+1 && lit[j] == ':'
}

func isSCPUserByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

func isSCPHostByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.'
}

// errExposedSource is returned instead of linting when BuildKit's own
// parser reads an ADD source that the project's scanner did not (their
// readings of a line can differ): BuildKit could then reach the network, so
// it is not run.
type errExposedSource struct{ line int }

func (e errExposedSource) Error() string {
	return fmt.Sprintf("buildkit: not run: the ADD source on line %d could reach the network", e.line)
}

// checkOffline reads text with BuildKit's parser and fails when an ADD (or
// ONBUILD ADD) source could still reach the network.
func checkOffline(text []byte) error {
	if !mayHoldADD(text) {
		return nil // most files: no need to parse them twice
	}
	res, err := parser.Parse(bytes.NewReader(text))
	if err != nil {
		return nil // BuildKit fails the same way before converting anything
	}
	escape := byte(res.EscapeToken)
	for _, n := range res.AST.Children {
		if line, ok := exposedNode(n, escape); !ok {
			return errExposedSource{line: line}
		}
	}
	return nil
}

// mayHoldADD reports whether BuildKit's parser could read an ADD or ONBUILD
// instruction in text: one starts a line (BuildKit's lines end at "\n" only),
// after blanks in Unicode's sense, in any letter case, and its keyword may be
// split by a line continuation ("AD\" then "D ...").
func mayHoldADD(text []byte) bool {
	text = bytes.TrimPrefix(text, []byte("\ufeff"))
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		line = bytes.TrimLeftFunc(line, unicode.IsSpace)
		const n = 32 // longer than any keyword, continued or not
		head := strings.ToLower(string(line[:min(len(line), n)]))
		if strings.HasPrefix(head, "add") || strings.HasPrefix(head, "onbuild") {
			return true
		}
		i := strings.IndexAny(head, "\\`")
		continued := i >= 0 && strings.TrimSpace(head[i+1:]) == "" && (len(line) <= n || len(bytes.TrimSpace(line[n:])) == 0)
		if continued && (strings.HasPrefix("add", head[:i]) || strings.HasPrefix("onbuild", head[:i])) {
			return true
		}
	}
	return false
}

// exposedNode checks one instruction of BuildKit's AST; ok is false, with
// the instruction's line, when a source could reach the network.
func exposedNode(n *parser.Node, escape byte) (line int, ok bool) {
	cmd, err := instructions.ParseInstruction(n)
	if err != nil {
		return 0, true // BuildKit stops at this instruction
	}
	switch c := cmd.(type) {
	case *instructions.AddCommand:
		for _, src := range c.SourcePaths {
			if mayReachNetwork(src, escape) {
				return n.StartLine, false
			}
		}
	case *instructions.OnbuildCommand:
		// A trigger is parsed again when a stage builds on this one.
		res, err := parser.Parse(strings.NewReader(c.Expression))
		if err != nil {
			return 0, true
		}
		for _, t := range res.AST.Children {
			if _, ok := exposedNode(t, escape); !ok {
				return n.StartLine, false
			}
		}
	}
	return 0, true
}
