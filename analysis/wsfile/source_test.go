package wsfile_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/wsfile"
)

// TestSource checks that open documents win over the disk, and that the
// disk is read within the roots (or the folder Within gives a source
// without roots), except for a file the user named.
func TestSource(t *testing.T) {
	base := t.TempDir()
	ws, outside := filepath.Join(base, "ws"), filepath.Join(base, "outside")
	for p, text := range map[string]string{
		filepath.Join(ws, "compose.yaml"):      "disk",
		filepath.Join(ws, "sub", "Dockerfile"): "FROM disk",
		filepath.Join(outside, "Dockerfile"):   "FROM outside",
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	open := map[string]string{
		filepath.Join(ws, "compose.yaml"): "unsaved",
		filepath.Join(ws, "new.hcl"):      "never saved",
	}
	src := &wsfile.Source{Roots: []string{ws}, Open: open}
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		src      *wsfile.Source
		read     func(*wsfile.Source, context.Context, string) (string, bool, error)
		path     string
		want     string
		wantOpen bool
		outside  bool // refused: outside the workspace
	}{
		{"open wins", src, (*wsfile.Source).Read, filepath.Join(ws, "compose.yaml"), "unsaved", true, false},
		{"open, not on disk", src, (*wsfile.Source).Read, filepath.Join(ws, "sub", "..", "new.hcl"), "never saved", true, false},
		{"disk inside", src, (*wsfile.Source).Read, filepath.Join(ws, "sub", "Dockerfile"), "FROM disk", false, false},
		{"disk outside", src, (*wsfile.Source).Read, filepath.Join(outside, "Dockerfile"), "", false, true},
		{"named outside", src, (*wsfile.Source).ReadNamed, filepath.Join(outside, "Dockerfile"), "FROM outside", false, false},
		{"nil source", nil, (*wsfile.Source).Read, filepath.Join(ws, "sub", "Dockerfile"), "", false, true},
		{"nil source within", (*wsfile.Source)(nil).Within(filepath.Join(ws, "sub")), (*wsfile.Source).Read, filepath.Join(ws, "sub", "Dockerfile"), "FROM disk", false, false},
		{"no roots within", (&wsfile.Source{Open: open}).Within(filepath.Join(ws, "sub")), (*wsfile.Source).Read, filepath.Join(ws, "compose.yaml"), "unsaved", true, false},
		{"roots win over within", src.Within(filepath.Join(ws, "sub")), (*wsfile.Source).Read, filepath.Join(ws, "compose.yaml"), "unsaved", true, false},
		{"capped", src.WithMaxSize(3), (*wsfile.Source).Read, filepath.Join(ws, "sub", "Dockerfile"), "", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, isOpen, err := tc.read(tc.src, ctx, tc.path)
			if tc.outside != errors.Is(err, wsfile.ErrOutside) {
				t.Fatalf("err %v, want outside %v", err, tc.outside)
			}
			if tc.name == "capped" && !errors.Is(err, wsfile.ErrTooLarge) {
				t.Fatalf("err %v, want too large", err)
			}
			if text != tc.want || isOpen != tc.wantOpen {
				t.Errorf("got %q open %v, want %q open %v", text, isOpen, tc.want, tc.wantOpen)
			}
		})
	}
}
