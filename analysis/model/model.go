// Package model is the semantic view of a Dockerfile: stages, variables and the
// stage graph, built from a syntax snapshot following BuildKit's semantics
// (frontend/dockerfile/dockerfile2llb/convert.go).
package model

import "github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"

// Model is immutable once built.
type Model struct {
	File   *syntax.File
	Stages []*Stage
}

// Stage is one FROM and the instructions up to the next FROM.
type Stage struct {
	Index int
	Name  string // as written after AS; empty when unnamed
}

// Build derives the model of f.
func Build(f *syntax.File) *Model {
	return &Model{File: f}
}
