package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/imageref"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/model"
)

// UnpinnedBaseImage reports a FROM whose image has no tag, the latest tag or
// another floating tag (alpine, lts, edge, stable...):
// each build takes whatever the registry serves that day, so two builds of
// one commit can differ and a rebuild can break with nothing changed here.
// Stage references, scratch, digests, bare names that are no official
// image (built locally, or a named build context) and bases that depend on a build
// argument without a default are left alone; a base from an ARG is judged
// by the default. No quick fix: the version to
// pin cannot be known offline.
var UnpinnedBaseImage = &analysis.Analyzer{
	Name:     "UnpinnedBaseImage",
	Severity: analysis.Information,
	Run:      runUnpinnedBaseImage,
}

func runUnpinnedBaseImage(p *analysis.Pass) {
	m := p.Model
	for _, s := range m.Stages {
		// Parent is set when the base, with its defaults, names a stage.
		if s.Parent != nil || s.Base == "" || !m.BaseResolved(s) {
			continue
		}
		ref, ok := imageref.Parse(s.BaseValue)
		if !ok || ref.Digest != "" || ref.Tag != "" && !floatingTag(ref.Tag) || strings.EqualFold(s.BaseValue, "scratch") {
			continue
		}
		if ref.Official() && !ref.InLibrary() {
			continue // a bare name Docker Hub does not serve: built locally or a named context
		}
		if distroless(ref) && strings.Contains(path.Base(ref.Path), "-debian") {
			continue // distroless publishes no version tags: the name pins the Debian release
		}
		p.Report(analysis.Diagnostic{Range: s.BaseRange, Message: unpinnedMessage(m, s, ref)})
	}
}

func unpinnedMessage(m *model.Model, s *model.Stage, ref imageref.Ref) string {
	subject := fmt.Sprintf("base image %q", s.BaseValue)
	if s.Base != s.BaseValue {
		subject = fmt.Sprintf("base image %q (the default of %s)", s.BaseValue, s.Base)
	}
	what := subject + " has no tag"
	switch {
	case ref.Tag == "latest":
		what = subject + " follows latest"
	case ref.Tag != "":
		what = fmt.Sprintf("%s has the floating tag %q, which moves to each new release", subject, ref.Tag)
	}
	image := strings.TrimSuffix(s.BaseValue, ":"+ref.Tag)
	if strings.Contains(s.Base, "$") && !strings.Contains(s.Base, ":") {
		image = s.Base // keep the templated parts the author wrote: busybox-${OS}-${ARCH}
	}
	if distroless(ref) {
		return fmt.Sprintf("%s, and distroless publishes no version tags: this name follows whichever Debian release distroless is built on; name the release (%s-debian12) or pin a digest",
			what, image)
	}
	variant := ""
	if ref.Tag != "" && ref.Tag != "latest" {
		variant = "-" + ref.Tag // golang:alpine → golang:${GO_VERSION}-alpine
		if parts := strings.SplitN(ref.Tag, "-", 2); !isVariantWord(parts[0]) {
			variant = ""
			if len(parts) == 2 {
				variant = "-" + parts[1] // node:lts-alpine → node:${NODE_VERSION}-alpine
			}
		}
	}
	arg := versionArgName(ref)
	for _, v := range m.GlobalArgs {
		if v.Name == arg {
			return fmt.Sprintf("%s, so each build gets whatever the newest release is that day; pin a version with the ARG %s this file declares: FROM %s:${%s}%s",
				what, arg, image, arg, variant)
		}
	}
	return fmt.Sprintf("%s, so each build gets whatever the newest release is that day; pin a version, ideally once in an ARG: ARG %s=<version> before the first FROM, then FROM %s:${%s}%s",
		what, arg, image, arg, variant)
}

// floatingTag reports a tag that names no version, only a channel or a
// variant that moves with each release: latest, alpine, lts, edge, sid,
// stable, mainline, rolling, slim and their combinations (lts-alpine).
// Release code names (bookworm, jammy) are pins and stay quiet.
func floatingTag(tag string) bool {
	for _, part := range strings.Split(tag, "-") {
		if !floatingWords[part] && !isVariantWord(part) {
			return false
		}
	}
	return true
}

var floatingWords = map[string]bool{
	"latest": true, "lts": true, "edge": true, "sid": true, "stable": true, "mainline": true, "rolling": true,
	"current": true, "unstable": true, "testing": true, "nightly": true,
}

// isVariantWord is a tag part that names a flavour of an image rather than
// a version or a channel: alpine, slim.
func isVariantWord(part string) bool { return part == "alpine" || part == "slim" }

// versionArgName is the ARG suggested for an image's version: GO_VERSION
// for golang, NODE_VERSION for node, else the repository's last path
// component in upper case.
func versionArgName(ref imageref.Ref) string {
	name := path.Base(ref.Path)
	if name == "golang" {
		name = "go"
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		}
		return '_'
	}, name)
	return name + "_VERSION"
}

// distroless reports Google's distroless images, whose only tags are
// latest, nonroot, debug and debug-nonroot.
func distroless(ref imageref.Ref) bool {
	return ref.Domain == "gcr.io" && strings.HasPrefix(ref.Path, "distroless/")
}
