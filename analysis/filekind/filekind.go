// Package filekind decides once what kind of document a file is: a
// Dockerfile, a Compose file, a Bake file, a .dockerignore, or something
// else. It is the one home of the file names the project recognises; the
// server dispatches its features on the kind, the CLI its subcommands, and
// the workspace index (analysis/targets) builds on it.
package filekind

import (
	"path"
	"path/filepath"
	"strings"
)

// Kind is the kind of a document.
type Kind uint8

const (
	Other        Kind = iota // none of the below: no feature applies
	Dockerfile               // Dockerfile, Dockerfile.*, *.dockerfile, Containerfile*
	Compose                  // compose.yaml, docker-compose.yml, compose.<anything>.yaml
	Bake                     // docker-bake.hcl|json, docker-bake.<anything>.hcl|json, *.override.hcl
	Dockerignore             // .dockerignore, <Dockerfile>.dockerignore
)

var names = [...]string{"other", "dockerfile", "compose", "bake", "dockerignore"}

func (k Kind) String() string {
	if int(k) >= len(names) {
		return "unknown"
	}
	return names[k]
}

// dockerfileGlob is the Dockerfile names ByName recognises, as a glob
// pattern for an editor's file watcher; keep the two together.
const dockerfileGlob = "**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*}"

// Globs are the names ByName recognises as a kind, as glob patterns for an
// editor's file watcher; keep them beside the matchers below (the tests of
// analysis/targets check that they agree).
func Globs(k Kind) []string {
	switch k {
	case Dockerfile:
		return []string{dockerfileGlob}
	case Compose:
		return []string{"**/{compose,docker-compose}.{yaml,yml}", "**/{compose,docker-compose}.*.{yaml,yml}"}
	case Bake:
		return []string{"**/docker-bake.{hcl,json}", "**/docker-bake.*.{hcl,json}", "**/*.override.hcl"}
	}
	return nil
}

// ByName tells the kind of a file from its name alone (the last element of
// p, in either slash style); Other when the name says nothing.
func ByName(p string) Kind {
	base := strings.ToLower(path.Base(filepath.ToSlash(p)))
	switch {
	case isComposeName(base):
		return Compose
	case isBakeName(base):
		return Bake
	case base == ".dockerignore" || strings.HasSuffix(base, ".dockerignore"):
		return Dockerignore
	case base == "dockerfile" || strings.HasPrefix(base, "dockerfile.") ||
		strings.HasSuffix(base, ".dockerfile") || strings.HasPrefix(base, "containerfile"):
		return Dockerfile
	}
	return Other
}

// Of tells the kind of a document from its name and the editor's
// languageId (empty when there is none, as on the command line). The name
// wins when it says something, whatever the languageId: editors give
// compose.yaml the languageId "yaml" or "dockercompose". An unknown name is
// a Dockerfile when the languageId is one (or is missing: a client sends this
// server only the documents it maps to it), and Other under any other
// languageId (yaml, json, plaintext, ...).
func Of(p, languageID string) Kind {
	if k := ByName(p); k != Other {
		return k
	}
	switch strings.ToLower(languageID) {
	case "", "dockerfile", "containerfile":
		return Dockerfile
	case "dockerignore", "ignore":
		return Dockerignore
	case "dockercompose":
		return Compose
	}
	return Other
}

// isComposeName matches compose.yaml, compose.yml, docker-compose.yaml,
// docker-compose.yml and their variants compose.<anything>.yaml (such as
// compose.override.yaml or docker-compose.prod.yml).
func isComposeName(base string) bool {
	ext := path.Ext(base)
	if ext != ".yml" && ext != ".yaml" {
		return false
	}
	stem := strings.TrimSuffix(base, ext)
	for _, prefix := range []string{"docker-compose", "compose"} {
		if stem == prefix || strings.HasPrefix(stem, prefix+".") {
			return true
		}
	}
	return false
}

// isBakeName matches docker-bake.hcl, docker-bake.json, their variants
// docker-bake.<anything>.hcl|json, and *.override.hcl.
func isBakeName(base string) bool {
	ext := path.Ext(base)
	if ext != ".hcl" && ext != ".json" {
		return false
	}
	stem := strings.TrimSuffix(base, ext)
	return stem == "docker-bake" || strings.HasPrefix(stem, "docker-bake.") ||
		ext == ".hcl" && strings.HasSuffix(stem, ".override")
}
