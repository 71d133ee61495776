// Package imageref reads image references the way the container tools
// normalise them (github.com/distribution/reference's rules): golang:1.22 is
// docker.io/library/golang:1.22, a first path component with a dot, a colon
// or "localhost" is a registry, and a missing tag means latest. It also knows
// the web page of a repository on the common public registries.
package imageref

import (
	"net/url"
	"strings"
)

// Ref is a parsed image reference.
type Ref struct {
	Domain string // "docker.io", "ghcr.io", "localhost:5000"
	Path   string // "library/golang", "owner/name"
	Tag    string // as written; empty when none
	Digest string // "sha256:..."; empty when none
}

// Parse reads s; ok is false for what cannot be an image reference: empty,
// a variable not expanded yet, blanks, upper case in the repository path, or
// characters a reference does not allow.
func Parse(s string) (Ref, bool) {
	if s == "" || strings.ContainsAny(s, "$ \t\r\n\"'{}\\") {
		return Ref{}, false
	}
	var r Ref
	if at := strings.IndexByte(s, '@'); at >= 0 {
		s, r.Digest = s[:at], s[at+1:]
		if !strings.Contains(r.Digest, ":") {
			return Ref{}, false
		}
	}
	if colon := strings.LastIndexByte(s, ':'); colon > strings.LastIndexByte(s, '/') {
		s, r.Tag = s[:colon], s[colon+1:]
		if !validTag(r.Tag) {
			return Ref{}, false
		}
	}
	if i := strings.IndexByte(s, '/'); i >= 0 && isDomain(s[:i]) {
		r.Domain, r.Path = s[:i], s[i+1:]
	} else {
		r.Domain, r.Path = "docker.io", s
	}
	if r.Domain == "index.docker.io" {
		r.Domain = "docker.io"
	}
	if r.Domain == "docker.io" && !strings.Contains(r.Path, "/") {
		r.Path = "library/" + r.Path
	}
	if !validPath(r.Path) {
		return Ref{}, false
	}
	return r, true
}

func isDomain(s string) bool {
	return strings.ContainsAny(s, ".:") || s == "localhost" || strings.ToLower(s) != s
}

func validTag(t string) bool {
	if t == "" || len(t) > 128 {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || i > 0 && (c == '.' || c == '-')) {
			return false
		}
	}
	return true
}

func validPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") || strings.Contains(p, "//") {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == '/') {
			return false
		}
	}
	return true
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

// TagsURL is the page listing the repository's tags, on Docker Hub only.
func (r Ref) TagsURL() (string, bool) {
	u, ok := r.WebURL()
	if !ok || r.Domain != "docker.io" {
		return "", false
	}
	u += "/tags"
	if r.Tag != "" {
		u += "?name=" + url.QueryEscape(r.Tag)
	}
	return u, true
}
