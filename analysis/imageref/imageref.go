// Package imageref reads image references with
// github.com/distribution/reference, as the container tools do: golang:1.22 is
// docker.io/library/golang:1.22, a first path component with a dot, a colon
// or "localhost" is a registry, and a missing tag means latest. It also knows
// the web page of a repository on the common public registries.
package imageref

import (
	"strings"

	"github.com/distribution/reference"
)

// Ref is a parsed image reference.
type Ref struct {
	Domain string // "docker.io", "ghcr.io", "localhost:5000"
	Path   string // "library/golang", "owner/name"
	Tag    string // as written; empty when none
	Digest string // "sha256:..."; empty when none
}

// Parse reads s with github.com/distribution/reference (the parser the
// container tools use); ok is false for what cannot be an image reference:
// empty, a variable not expanded yet, blanks, upper case in the repository
// path, a malformed tag or digest (alpine@sha256:abc is too short).
func Parse(s string) (Ref, bool) {
	n, err := reference.ParseNormalizedNamed(s)
	if err != nil {
		return Ref{}, false
	}
	r := Ref{Domain: reference.Domain(n), Path: reference.Path(n)}
	if t, ok := n.(reference.Tagged); ok {
		r.Tag = t.Tag()
	}
	if d, ok := n.(reference.Digested); ok {
		r.Digest = d.Digest().String()
	}
	return r, true
}

// Repository is domain/path: docker.io/library/golang.
func (r Ref) Repository() string { return r.Domain + "/" + r.Path }

// String is the normalised reference: docker.io/library/golang:1.22, with
// :latest when neither a tag nor a digest was written.
func (r Ref) String() string {
	s := r.Repository()
	switch {
	case r.Tag != "":
		s += ":" + r.Tag
	case r.Digest == "":
		s += ":latest"
	}
	if r.Digest != "" {
		s += "@" + r.Digest
	}
	return s
}

// Official reports a Docker Hub official image (docker.io/library/...).
func (r Ref) Official() bool {
	return r.Domain == "docker.io" && strings.HasPrefix(r.Path, "library/") && strings.Count(r.Path, "/") == 1
}

// WebURL is the repository's page for people, on the registries whose page
// address follows from the reference; ok is false elsewhere. ghcr.io and
// gcr.io addresses open the registry's own URL, which a browser is sent on
// from to the package page.
func (r Ref) WebURL() (string, bool) {
	_, name, _ := strings.Cut(r.Path, "/")
	switch {
	case r.Domain == "docker.io" && r.Official():
		return "https://hub.docker.com/_/" + name, true
	case r.Domain == "docker.io":
		return "https://hub.docker.com/r/" + r.Path, true
	case r.Domain == "ghcr.io" && name != "":
		return "https://ghcr.io/" + r.Path, true
	case r.Domain == "quay.io" && name != "":
		return "https://quay.io/repository/" + r.Path, true
	case r.Domain == "mcr.microsoft.com":
		return "https://mcr.microsoft.com/en-us/artifact/mar/" + r.Path, true
	case (r.Domain == "gcr.io" || strings.HasSuffix(r.Domain, ".gcr.io")) && name != "":
		return "https://" + r.Domain + "/" + r.Path, true
	case r.Domain == "public.ecr.aws" && name != "":
		return "https://gallery.ecr.aws/" + r.Path, true
	}
	return "", false
}
