package refactor

import "testing"

// TestNormalizeEOL: text copied by a refactoring keeps BuildKit's lines; a
// lone "\r" is inside a line, and turning it into a line break would split
// one instruction into two.
func TestNormalizeEOL(t *testing.T) {
	tests := []struct{ in, eol, want string }{
		{"FROM a\rRUN b\r\nCMD c\n", "\n", "FROM a\rRUN b\nCMD c\n"},
		{"FROM a\rRUN b\r\nCMD c\n", "\r\n", "FROM a\rRUN b\r\nCMD c\r\n"},
		{"FROM a\rRUN b", "\r\n", "FROM a\rRUN b"},
	}
	for _, tt := range tests {
		if got := normalizeEOL(tt.in, tt.eol); got != tt.want {
			t.Errorf("normalizeEOL(%q, %q) = %q, want %q", tt.in, tt.eol, got, tt.want)
		}
	}
}
