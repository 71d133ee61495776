// Package spelling suggests the name a user probably meant: a stage name
// for a mistyped --from= or a Compose/Bake target.
package spelling

import "strings"

// Suggest returns the name of names that want most likely stands for, or ""
// when none is close. A name that want shortens (build for build-env, set
// for license-set) wins over a near spelling: "set" is one edit from
// "test", but a stage copying from "set" next to license-set means that.
// Otherwise the nearest name within max(1, len(want)/3) edits is the
// answer.
// Comparison ignores case; names are returned as given.
func Suggest(want string, names []string) string {
	want = strings.ToLower(want)
	if want == "" {
		return ""
	}
	shortened, typo := "", ""
	bestDist := max(1, len(want)/3) + 1
	for _, name := range names {
		n := strings.ToLower(name)
		if n == "" {
			continue
		}
		if len(want) >= 3 && n != want && (strings.HasPrefix(n, want) || strings.HasSuffix(n, "-"+want)) {
			if shortened == "" || len(name) < len(shortened) {
				shortened = name
			}
		}
		if d := Distance(want, n); d < bestDist {
			typo, bestDist = name, d
		}
	}
	if shortened != "" {
		return shortened
	}
	return typo
}

// Distance is the optimal-string-alignment distance over bytes: like
// Levenshtein, but swapping two neighbours (the commonest typo) costs one.
func Distance(a, b string) int {
	// Three rows: the previous two for transpositions, and the current one.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
