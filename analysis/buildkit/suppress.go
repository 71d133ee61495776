package buildkit

import (
	"fmt"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
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
		// `WORKDIR $APP_HOME` with $APP_HOME undefined expands to an empty or
		// relative path: a consequence of the UndefinedVar on the same
		// instruction, which is the finding worth showing.
		if r := n.ArgsRange(); r.Len() > 0 && mp.f.Text[r.Start] == '$' && mp.undefinedAt[w.StartLine] {
			return false
		}
	case linter.RuleUndefinedVar.Name:
		// The resolver knows the ENV of well-known images (baseenv.go); for
		// any other base, the variable may well come from it, which cannot be
		// known offline. Keep the finding, as a hint that says so.
		st := mp.m.StageAt(n.Offset)
		if base, known := rootBase(st); !known {
			if !mp.asError {
				d.Severity = analysis.Hint
			}
			d.Message += fmt.Sprintf(" — unless the base image %s sets it (its configuration is not known offline)", base)
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
// images of baseenv.go are; images named by build arguments and any other
// image are not.
func rootBase(st *model.Stage) (string, bool) {
	if st == nil {
		return "", true
	}
	for i := 0; st.Parent != nil && i < 1000; i++ {
		st = st.Parent
	}
	base := st.BaseValue
	if base == "" {
		base = st.Base
	}
	if strings.EqualFold(base, "scratch") {
		return base, true
	}
	if strings.Contains(base, "$") {
		return st.Base, false
	}
	_, known := lookupBaseEnv(base)
	return base, known
}

// windowsAbsPath reports C:\x, C:/x and \\server\share paths.
func windowsAbsPath(p string) bool {
	if len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') {
		c := p[0] | 0x20
		return 'a' <= c && c <= 'z'
	}
	return strings.HasPrefix(p, `\\`)
}
