// Package docs holds the reference texts shown by hover and completion:
// every instruction, every flag BuildKit accepts for each instruction, the
// --mount types and keys, the parser directives and the predefined build
// arguments. The texts live in one data file, docs.md, written for this
// project; this package only looks them up.
//
// Texts are Markdown restricted to inline code, "- " lists and ``` blocks;
// Plain renders them as plain text for clients without Markdown.
package docs

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed docs.md
var data string

// index is docs.md read into a map, on first use: a process that never
// shows a text does not pay for it at start.
type index struct {
	entries map[string]string
	flags   map[string][]string // instruction → flags in file order
}

var idx = sync.OnceValue(parse)

// parse reads docs.md: "## key" headings, each followed by its text.
func parse() *index {
	entries, flags := map[string]string{}, map[string][]string{}
	text := data
	if i := strings.Index(text, "-->"); i >= 0 && strings.HasPrefix(strings.TrimSpace(text), "<!--") {
		text = text[i+3:]
	}
	var key string
	var body []string
	flush := func() {
		if key != "" {
			entries[key] = strings.TrimSpace(strings.Join(body, "\n"))
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if k, ok := strings.CutPrefix(line, "## "); ok {
			flush()
			key, body = strings.TrimSpace(k), nil
			if cmd, flag, ok := strings.Cut(key, " --"); ok && isUpper(cmd) {
				flags[cmd] = append(flags[cmd], flag)
			}
			continue
		}
		body = append(body, line)
	}
	flush()
	return &index{entries: entries, flags: flags}
}

func isUpper(s string) bool {
	return s != "" && strings.ToUpper(s) == s && !strings.ContainsAny(s, " =.")
}

// Instruction is the text for an instruction keyword ("COPY"; any case).
func Instruction(cmd string) (string, bool) {
	s, ok := idx().entries[strings.ToUpper(cmd)]
	return s, ok
}

// Flag is the text for one flag of an instruction ("COPY", "from").
func Flag(cmd, flag string) (string, bool) {
	s, ok := idx().entries[strings.ToUpper(cmd)+" --"+strings.ToLower(flag)]
	return s, ok
}

// Flags lists the flags BuildKit accepts for cmd, without dashes.
func Flags(cmd string) []string { return idx().flags[strings.ToUpper(cmd)] }

// MountTypes lists the --mount types.
func MountTypes() []string { return []string{"bind", "cache", "tmpfs", "secret", "ssh"} }

// UnlayeredMountTypes are the --mount types whose target is never part of
// the image's layer: what a RUN writes there is gone from the image.
func UnlayeredMountTypes() []string { return []string{"cache", "tmpfs"} }

// MountType is the text for a --mount type ("cache").
func MountType(typ string) (string, bool) {
	s, ok := idx().entries["mount type="+strings.ToLower(typ)]
	return s, ok
}

// mountAliases are BuildKit's alternative spellings of mount keys.
var mountAliases = map[string]string{
	"src": "source", "dst": "target", "destination": "target", "ro": "readonly", "rw": "readwrite",
}

// MountKeys lists the keys a mount of type typ accepts (BuildKit's
// runmount.go), canonical spellings only.
func MountKeys(typ string) []string {
	switch strings.ToLower(typ) {
	case "cache":
		return []string{"type", "target", "id", "sharing", "from", "source", "readonly", "mode", "uid", "gid"}
	case "tmpfs":
		return []string{"type", "target", "size"}
	case "secret":
		return []string{"type", "id", "target", "env", "required", "mode", "uid", "gid"}
	case "ssh":
		return []string{"type", "id", "target", "required", "mode", "uid", "gid"}
	default: // bind
		return []string{"type", "target", "source", "from", "readwrite", "readonly"}
	}
}

// CanonicalMountKey maps an alias (dst, src, ro, rw, destination) to the
// key's main spelling.
func CanonicalMountKey(key string) string {
	key = strings.ToLower(key)
	if k, ok := mountAliases[key]; ok {
		return k
	}
	return key
}

// MountKey is the text for key of a mount of type typ (an empty type is a bind mount).
func MountKey(typ, key string) (string, bool) {
	key = CanonicalMountKey(key)
	if typ == "" {
		typ = "bind"
	}
	if s, ok := idx().entries["mount "+strings.ToLower(typ)+"."+key]; ok {
		return s, true
	}
	s, ok := idx().entries["mount "+key]
	return s, ok
}

// MountKeyAliases lists the other spellings of a canonical mount key, in
// the order BuildKit documents them.
func MountKeyAliases(key string) []string {
	var out []string
	for _, a := range []string{"dst", "destination", "src", "ro", "rw"} {
		if mountAliases[a] == key {
			out = append(out, a)
		}
	}
	return out
}

// Directive is the text for a parser directive ("syntax", "escape", "check").
func Directive(name string) (string, bool) {
	s, ok := idx().entries["directive "+strings.ToLower(name)]
	return s, ok
}

// PredefinedArg is the text for a build argument BuildKit defines itself.
func PredefinedArg(name string) (string, bool) {
	if s, ok := idx().entries["arg "+name]; ok {
		return s, true
	}
	// The proxy arguments (model.PredefinedArgs lists them) share one text.
	if strings.HasSuffix(strings.ToUpper(name), "_PROXY") {
		return idx().entries["arg HTTP_PROXY"], true
	}
	return "", false
}

// Plain renders a Markdown text of this package as plain text: no
// backticks, code blocks indented.
func Plain(md string) string {
	var b strings.Builder
	inCode := false
	for i, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
			continue
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		if inCode {
			b.WriteString("    " + line)
			continue
		}
		b.WriteString(stripInline(line))
	}
	return strings.TrimSpace(b.String())
}

// stripInline removes the backticks of inline code (a code span holding a
// lone backtick keeps that backtick)
// and ** emphasis.
func stripInline(s string) string {
	if !strings.ContainsAny(s, "`*") {
		return s
	}
	s = strings.ReplaceAll(s, "`` ` ``", "\x00")
	s = strings.ReplaceAll(s, "`", "")
	s = strings.ReplaceAll(s, "**", "")
	return strings.ReplaceAll(s, "\x00", "`")
}
