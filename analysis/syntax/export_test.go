package syntax

import "reflect"

// SameScan reports whether two snapshots hold the same nodes at the same
// offsets, down to the bytes each node examined. The property tests use it as
// the fast check; they describe a difference only when it fails.
func SameScan(a, b *File) bool {
	if a.Text != b.Text || a.Escape != b.Escape || a.bodyStart != b.bodyStart || a.directivesEnd != b.directivesEnd ||
		len(a.nodes) != len(b.nodes) || len(a.Directives) != len(b.Directives) {
		return false
	}
	for i := range a.Directives {
		if a.Directives[i] != b.Directives[i] {
			return false
		}
	}
	for i := range a.nodes {
		if a.offsets[i] != b.offsets[i] || !reflect.DeepEqual(*a.nodes[i], *b.nodes[i]) {
			return false
		}
	}
	return true
}
