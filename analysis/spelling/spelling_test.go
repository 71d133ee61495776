package spelling

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"build", "build", 0},
		{"biuld", "build", 1}, // a swap is one edit
		{"buidl", "build", 1},
		{"bulid", "build", 1},
		{"set", "test", 2}, // delete t, swap e and s
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // OSA, not Damerau: no edit after a swap
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Distance(tc.b, tc.a); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	for _, tc := range []struct {
		want  string
		names []string
		got   string
	}{
		{"biuld", []string{"deps", "build", "release"}, "build"},
		{"BIULD", []string{"Build"}, "Build"},
		{"set", []string{"test", "license-set", "docsgen"}, "license-set"},
		{"build", []string{"build-env", "build-base-image"}, "build-env"},
		{"runtime", []string{"build", "test"}, ""},
		{"ab", []string{"abc"}, "abc"}, // one edit on a short name
		{"ab", []string{"xyz"}, ""},
		{"x", []string{"x-y"}, ""}, // too short to be a shortened name
		{"", []string{"a"}, ""},
		{"depz", []string{"deps", "dev"}, "deps"},
		{"relase", []string{"release", "base"}, "release"},
	} {
		if got := Suggest(tc.want, tc.names); got != tc.got {
			t.Errorf("Suggest(%q, %q) = %q, want %q", tc.want, tc.names, got, tc.got)
		}
	}
}
