package model

import "testing"

func TestExpand(t *testing.T) {
	lookup := func(name string) (string, VarState) {
		switch name {
		case "SET":
			return "v", Set
		case "EMPTY":
			return "", Set
		case "UNSET":
			return "", Unset
		}
		return "", Open
	}
	for in, want := range map[string]string{
		"a$SET":            "av",
		"${SET}-x":         "v-x",
		"${UNSET:-d}":      "d",
		"${UNSET-d}":       "d",
		"${EMPTY:-d}":      "d",
		"${EMPTY-d}":       "",
		"${SET:+alt}":      "alt",
		"${UNSET:+alt}":    "",
		"$OPEN/x":          "$OPEN/x",
		"${OPEN:-d}":       "${OPEN:-d}",
		"${UNSET:-$SET}":   "v",
		"${UNSET:-${SET}}": "v",
		"'$SET'":           "'$SET'",
		"${SET%.*}":        "${SET%.*}",
		"$":                "$",
		"${":               "${",
	} {
		if got := Expand(in, lookup); got != want {
			t.Errorf("Expand(%q) = %q, want %q", in, got, want)
		}
	}
}
