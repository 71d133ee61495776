package rules

import (
	"fmt"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/facts"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/shell"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// PackageCacheNotCleaned reports package-manager caches left in a layer of
// the final image: apt lists not removed in the RUN that downloaded them,
// `apk add` without --no-cache, `pip install` without --no-cache-dir, dnf/yum
// installs without `clean all`. A later RUN cannot shrink a layer, so the
// cleanup must happen in the same RUN. RUNs that keep the cache in a
// `--mount=type=cache` are left alone: the cache is not in the image.
var PackageCacheNotCleaned = &analysis.Analyzer{
	Name:     "PackageCacheNotCleaned",
	Severity: analysis.Warning,
	Run:      runPackageCacheNotCleaned,
}

func runPackageCacheNotCleaned(p *analysis.Pass) {
	chain := finalImage(p)
	if nonShippingTarget(p) || len(chain) == 0 {
		return
	}
	// A base named by a build argument without a default may set
	// PIP_NO_CACHE_DIR itself, as many Python base images do.
	unknownBase := !p.Model.BaseResolved(chain[0])
	for _, n := range body(chain) {
		if n.Command() != "RUN" {
			continue
		}
		r, cmds := runCommands(n)
		reported := map[string]bool{}
		for i, c := range cmds {
			pc, ok := facts.ParsePackage(&c.Command)
			if !ok || reported[family(pc)] {
				continue
			}
			var d *analysis.Diagnostic
			switch family(pc) {
			case "apt":
				d = aptCache(r, n, cmds, c.Command, pc)
			case "apk":
				d = apkCache(n, cmds, c.Command, pc)
			case "pip":
				if unknownBase {
					continue
				}
				d = pipCache(chain, n, cmds, i, c.Command, pc)
			case "dnf":
				d = dnfCache(r, n, cmds, c.Command, pc)
			}
			if d != nil {
				reported[family(pc)] = true
				p.Report(*d)
			}
		}
	}
}

const aptCleanup = "rm -rf /var/lib/apt/lists/*"

func aptCache(r *shell.Run, n syntax.Node, cmds []runCmd, c shell.Command, pc *facts.Package) *analysis.Diagnostic {
	if pc.Sub.Value != "update" || removesPath(cmds, "/var/lib/apt/lists") || keptOutOfLayer(n, "/var/lib/apt") ||
		runs(cmds, "apt-get", "dist-clean") || runs(cmds, "apt", "dist-clean") {
		return nil
	}
	d := &analysis.Diagnostic{
		Range:   cmdHead(c, pc.Sub, n.Offset),
		Message: fmt.Sprintf("%s update downloads package lists (tens of MB) that stay in this layer; remove them in the same RUN with `%s`", pc.Tool, aptCleanup),
	}
	if e, ok := appendToScript(r, c, n.Offset, aptCleanup); ok {
		d.Fixes = []analysis.Fix{{Title: "Remove the apt lists in the same RUN", Edits: []analysis.Edit{e}, Preferred: true}}
	}
	return d
}

func apkCache(n syntax.Node, cmds []runCmd, c shell.Command, pc *facts.Package) *analysis.Diagnostic {
	if pc.Sub.Value != "add" || pc.HasOption("--no-cache", "--no-network") || removesPath(cmds, "/var/cache/apk") ||
		keptOutOfLayer(n, "/var/cache/apk", "/etc/apk/cache") || runs(cmds, "apk", "cache") {
		return nil
	}
	return &analysis.Diagnostic{
		Range:   cmdHead(c, pc.Sub, n.Offset),
		Message: "apk add keeps the package index in /var/cache/apk; use `apk add --no-cache`",
		Fixes: []analysis.Fix{{
			Title: "Add --no-cache", Edits: []analysis.Edit{insertAfter(pc.Sub.At(n.Offset), " --no-cache")}, Preferred: true,
		}},
	}
}

func pipCache(chain []*model.Stage, n syntax.Node, cmds []runCmd, i int, c shell.Command, pc *facts.Package) *analysis.Diagnostic {
	if pc.Op != facts.OpInstall || pc.HasOption("--no-cache-dir") || keptOutOfLayer(n, ".cache", "pip") ||
		removesPath(cmds, "/root/.cache", "~/.cache", "$HOME/.cache", "${HOME}/.cache") || runs(cmds, "pip", "cache") {
		return nil
	}
	if _, set := envValue(chain, n.Offset, "PIP_NO_CACHE_DIR"); set {
		return nil
	}
	if _, set := assignedInRun(cmds, i, "PIP_NO_CACHE_DIR"); set {
		return nil
	}
	return &analysis.Diagnostic{
		Range:   cmdHead(c, pc.Sub, n.Offset),
		Message: "pip install keeps downloaded wheels in ~/.cache/pip; use `pip install --no-cache-dir` (or set ENV PIP_NO_CACHE_DIR=1)",
		Fixes: []analysis.Fix{{
			Title: "Add --no-cache-dir", Edits: []analysis.Edit{insertAfter(pc.Sub.At(n.Offset), " --no-cache-dir")}, Preferred: true,
		}},
	}
}

func dnfCache(r *shell.Run, n syntax.Node, cmds []runCmd, c shell.Command, pc *facts.Package) *analysis.Diagnostic {
	if pc.Op != facts.OpInstall || removesPath(cmds, "/var/cache/dnf", "/var/cache/yum", "/var/cache/tdnf") ||
		keptOutOfLayer(n, "/var/cache/dnf", "/var/cache/yum", "/var/cache/tdnf") {
		return nil
	}
	for _, c := range cmds {
		if other, ok := facts.ParsePackage(&c.Command); ok && other.Manager == facts.Dnf && other.Sub.Value == "clean" {
			return nil
		}
	}
	cleanup := pc.Tool + " clean all"
	d := &analysis.Diagnostic{
		Range:   cmdHead(c, pc.Sub, n.Offset),
		Message: fmt.Sprintf("%s install leaves its metadata and package cache in this layer; run `%s` in the same RUN", pc.Tool, cleanup),
	}
	if e, ok := appendToScript(r, c, n.Offset, cleanup); ok {
		d.Fixes = []analysis.Fix{{Title: "Add `" + cleanup + "`", Edits: []analysis.Edit{e}, Preferred: true}}
	}
	return d
}

// runs reports whether a command of the RUN is `prog sub ...` (pip matching
// pip3 and python -m pip).
func runs(cmds []runCmd, prog, sub string) bool {
	for _, c := range cmds {
		if prog == "pip" {
			if pc, ok := facts.ParsePackage(&c.Command); ok && family(pc) == "pip" && pc.Sub.Value == sub {
				return true
			}
			continue
		}
		if c.Name() == prog && len(c.Words) > 1 {
			for _, w := range c.Words[1:] {
				if w.Value == sub {
					return true
				}
				if len(w.Value) == 0 || w.Value[0] != '-' {
					break
				}
			}
		}
	}
	return false
}
