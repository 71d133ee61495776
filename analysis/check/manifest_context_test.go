package check_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/analysistest"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// With the build context known, ManifestNotCopied says when the context
// itself lacks the manifest: then neither the COPY before the install nor
// the COPY its fix would add can bring it, so no fix is offered.
func TestManifestNotCopiedReadsTheContext(t *testing.T) {
	const head = "FROM python:3.12-slim\nWORKDIR /srv\n"
	const tail = "USER 1000\nCMD [\"python\", \"-m\", \"app\"]\n"
	tests := []struct {
		name    string
		files   map[string]string
		body    string
		message string // "" when the rule must stay quiet
		fix     string // the fix's title, "" for none
	}{
		{"whole context copied, manifest absent from it",
			map[string]string{"app/__main__.py": "", "app/requirements.txt": "flask\n"},
			"COPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n",
			"the build context has no requirements.txt at its root", ""},
		{"nothing copied, manifest absent from the context",
			map[string]string{"app/__main__.py": ""},
			"RUN pip install --no-cache-dir -r requirements.txt\n",
			"the build context has no requirements.txt at its root", ""},
		{"nothing copied, manifest in the context",
			map[string]string{"app/__main__.py": "", "requirements.txt": "flask\n"},
			"RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n",
			"no COPY, ADD or bind mount has put it into the image yet", "COPY requirements.txt ./"},
		{"whole context copied, manifest in it",
			map[string]string{"app/__main__.py": "", "requirements.txt": "flask\n"},
			"COPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n",
			"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bc := analysistest.Context(t, tt.files)
			ds := check.Run(context.Background(), syntax.Parse(head+tt.body+tail), check.Config{BuildContext: bc})
			var found []analysis.Diagnostic
			for _, d := range ds {
				if d.Rule == "ManifestNotCopied" {
					found = append(found, d)
				}
			}
			if tt.message == "" {
				if len(found) != 0 {
					t.Fatalf("want no finding, got %+v", found)
				}
				return
			}
			if len(found) != 1 || !strings.Contains(found[0].Message, tt.message) {
				t.Fatalf("want one finding saying %q, got %+v", tt.message, found)
			}
			var fixes []string
			for _, fx := range found[0].Fixes {
				fixes = append(fixes, fx.Title)
			}
			if got := strings.Join(fixes, "|"); got != tt.fix {
				t.Errorf("fixes %q, want %q", got, tt.fix)
			}
		})
	}
}
