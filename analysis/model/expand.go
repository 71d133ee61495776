package model

// VarState is what is known of a variable at some point of the build.
type VarState int

const (
	// Open: the value is decided at build time (a --build-arg, a predefined
	// platform argument, the base image's environment). It stays as written.
	Open VarState = iota
	// Unset: declared without a value and nothing sets it by default.
	Unset
	// Set: the value is known.
	Set
)

// Lookup tells the value and state of a variable.
type Lookup func(name string) (value string, state VarState)

// Expand substitutes $NAME, ${NAME} and ${NAME<op>word} (the operators
// :- - :+ + :? ?) in s using lookup, as BuildKit's word expansion would with
// default build arguments. Open variables are kept as written so the result
// shows what the build decides; text inside single quotes is not expanded.
// Nesting is bounded. It is the project's one implementation of Dockerfile
// variable expansion.
func Expand(s string, lookup Lookup) string {
	return expandWith(s, lookup, 0)
}

func expandWith(s string, lookup Lookup, depth int) string {
	if depth > 8 {
		return s
	}
	var out []byte
	inSingle := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\'' {
			inSingle = !inSingle
		}
		if c != '$' || inSingle || i+1 >= len(s) {
			out = append(out, c)
			continue
		}
		if s[i+1] == '{' {
			close := matchingBrace(s, i+1)
			if close < 0 {
				out = append(out, s[i:]...)
				break
			}
			out = append(out, expandBraced(s[i:close+1], s[i+2:close], lookup, depth)...)
			i = close
			continue
		}
		k := nameEnd(s, i+1)
		if k == i+1 {
			out = append(out, c)
			continue
		}
		switch v, st := lookup(s[i+1 : k]); st {
		case Set:
			out = append(out, v...)
		case Open:
			out = append(out, s[i:k]...)
		}
		i = k - 1
	}
	return string(out)
}

// nameEnd is the end of the variable name starting at i.
func nameEnd(s string, i int) int {
	j := i
	for j < len(s) && isNameByte(s[j], j == i) {
		j++
	}
	return j
}

// matchingBrace finds the '}' closing the '{' at open, counting nested braces.
func matchingBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func expandBraced(raw, expr string, lookup Lookup, depth int) string {
	k := nameEnd(expr, 0)
	if k == 0 {
		return raw
	}
	name, rest := expr[:k], expr[k:]
	val, st := lookup(name)
	if st == Open {
		return raw
	}
	if rest == "" {
		return val
	}
	word := func(op string) string { return expandWith(rest[len(op):], lookup, depth+1) }
	for _, op := range []string{":-", ":+", ":?", "-", "+", "?"} {
		if len(rest) < len(op) || rest[:len(op)] != op {
			continue
		}
		switch op {
		case ":-":
			if val == "" {
				return word(op)
			}
		case "-":
			if st == Unset {
				return word(op)
			}
		case ":+":
			if val != "" {
				return word(op)
			}
			return ""
		case "+":
			if st == Set {
				return word(op)
			}
			return ""
		}
		return val
	}
	return raw // pattern operators (#, %, /) are left to the build
}
