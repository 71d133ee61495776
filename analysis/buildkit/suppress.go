package buildkit

import (
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/images"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// suppress removes or tones down BuildKit findings that are false positives
// offline; each case was measured on ../shared/corpus/real (see the corpus
// test). It reports whether d is kept.
func (mp *mapper) suppress(d *analysis.Diagnostic, n syntax.Node, ok bool, w finding) bool {
	if !ok {
		return true
	}
	switch w.Rule {
	case linter.RuleSecretsUsedInArgOrEnv.Name:
		key, found := quoted(w.Detail, '"')
		if !found {
			return true
		}
		return !notASecret(key, mp.valueOf(n, key))
	case linter.RuleWorkdirRelativePath.Name:
		// `WORKDIR C:/bin` in a Windows file whose base image is a build
		// argument (so platformOf could not tell): absolute on Windows.
		if path, found := quoted(w.Detail, '"'); found && windowsAbsPath(path) {
			return false
		}
		// `WORKDIR $APP_HOME` or `WORKDIR "${HOME}"` with the variable
		// undefined expands to an empty or relative path: a consequence of
		// the UndefinedVar on the same instruction, which is the finding
		// worth showing, or which is dropped below when the base image may
		// define the variable.
		if r := n.ArgsRange(); r.Len() > 0 && strings.HasPrefix(strings.TrimLeft(mp.f.Text[r.Start:r.End], `"'`), "$") && mp.undefinedAt[w.StartLine] {
			return false
		}
	case linter.RuleUndefinedVar.Name:
		// The resolver knows the ENV of well-known images (images.Env); any
		// other base may define the variable, which cannot be known offline:
		// on the corpus of another measure, 54 of 56 such findings were
		// variables of the base image ($NB_UID, $CONDA_DIR, $LD_LIBRARY_PATH).
		if _, known := mp.rootBase(mp.m.StageAt(n.Offset)); !known {
			return false
		}
	case linter.RuleJSONArgsRecommended.Name:
		// `CMD exec my-app`: the shell replaces itself with the program,
		// which then receives the signals; the JSON form gains nothing.
		if args := n.Args(); len(args) > 1 && args[0].Value == "exec" {
			return false
		}
	}
	return true
}

// valueOf returns the value n gives to key (ARG default or ENV value), if any.
func (mp *mapper) valueOf(n syntax.Node, key string) string {
	vars := mp.m.GlobalArgs
	if st := mp.m.StageAt(n.Offset); st != nil {
		vars = st.Vars
	}
	for _, v := range vars {
		if v.Node.Offset == n.Offset && v.Name == key {
			return unquote(v.Value)
		}
	}
	return ""
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// notASecret recognises the two kinds of SecretsUsedInArgOrEnv hits on the
// real corpus that are not secrets:
//
//   - GPG key ids and fingerprints (`ENV GPG_KEY 7169605F...` in every official
//     Python image, 24 corpus hits): public keys used to verify downloads. A
//     name with a GPG/PGP part, or a value made only of 16- or 40-digit hex ids.
//   - .NET configuration paths ending in a "Key" segment whose value is a plain
//     identifier (`DefaultProcess__Filters__0__Key=ProcessId` in the
//     dotnet-monitor images, 8 hits): the setting names a key, it is not one.
func notASecret(key, value string) bool {
	for _, part := range strings.FieldsFunc(strings.ToUpper(key), func(r rune) bool { return r == '_' }) {
		if part == "GPG" || part == "PGP" || part == "GNUPG" {
			return true
		}
	}
	if ids := strings.Fields(value); len(ids) > 0 {
		allIDs := true
		for _, id := range ids {
			if !isKeyID(id) {
				allIDs = false
				break
			}
		}
		if allIDs {
			return true
		}
	}
	if i := strings.LastIndex(key, "__"); i >= 0 && strings.EqualFold(key[i+2:], "key") && isIdentifier(value) {
		return true
	}
	return false
}

func isKeyID(s string) bool {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	if len(s) != 16 && len(s) != 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// isIdentifier is a short letters-only word such as "ProcessId": a name, not
// key material (which has digits, symbols, or length).
func isIdentifier(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// rootBase follows a stage's FROM chain to the image it starts from and
// reports whether that image's environment is known: scratch (empty) and the
// images of images.Env are. An image whose name (not only its tag) a build
// argument selects is known only when the build gives that argument: its
// default is just one of the images the file is built on.
func (mp *mapper) rootBase(st *model.Stage) (string, bool) {
	if st == nil {
		return "", true
	}
	for i := 0; st.Parent != nil && i < 1000; i++ {
		st = st.Parent
	}
	if strings.EqualFold(st.BaseValue, "scratch") {
		return st.BaseValue, true
	}
	for _, ref := range varRefs(repoPart(st.Base)) {
		if _, given := mp.buildArgs[ref.name]; !given {
			return st.Base, false
		}
	}
	base := mp.expandBase(st)
	_, known := images.Env(base)
	return base, known
}

// repoPart is an image reference without its tag and digest, the variables
// in it kept whole: "${REGISTRY}/app:${TAG:-1}" gives "${REGISTRY}/app".
func repoPart(ref string) string {
	depth, end, slash := 0, len(ref), -1
	for i := 0; i < len(ref); i++ {
		switch {
		case ref[i] == '$' && i+1 < len(ref) && ref[i+1] == '{':
			depth++
			i++
		case ref[i] == '}' && depth > 0:
			depth--
		case depth > 0:
		case ref[i] == '/':
			slash, end = i, len(ref)
		case ref[i] == '@':
			return ref[:min(end, i)]
		case ref[i] == ':' && end == len(ref) && i > slash:
			end = i
		}
	}
	return ref[:end]
}

// expandBase is the stage's base with the given build arguments, else the
// global ARG defaults, else a ${NAME:-word} default; what has no value is
// left as written.
func (mp *mapper) expandBase(st *model.Stage) string {
	base := st.Base
	refs := varRefs(base)
	var b strings.Builder
	last := 0
	for _, ref := range refs {
		b.WriteString(base[last:ref.start])
		last = ref.end
		if v, ok := mp.buildArgs[ref.name]; ok {
			b.WriteString(v)
			continue
		}
		if v := mp.globalArgBefore(ref.name, st.From.Offset); v != nil && v.Value != "" {
			b.WriteString(unquote(v.Value))
			continue
		}
		text := base[ref.start:ref.end]
		if _, word, ok := strings.Cut(text, ":-"); ok && strings.HasSuffix(word, "}") {
			b.WriteString(strings.TrimSuffix(word, "}"))
			continue
		}
		b.WriteString(text)
	}
	b.WriteString(base[last:])
	return b.String()
}

// windowsAbsPath reports C:\x, C:/x and \\server\share paths.
func windowsAbsPath(p string) bool {
	if len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') {
		c := p[0] | 0x20
		return 'a' <= c && c <= 'z'
	}
	return strings.HasPrefix(p, `\\`)
}
