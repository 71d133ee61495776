//go:build floor_required

package main

// The libraries the server must use, less BuildKit's converter: BuildKit's
// parser, instructions and linter, the LSP protocol and JSON-RPC packages,
// zap, and distribution/reference for image references.
import (
	_ "github.com/distribution/reference"
	_ "github.com/moby/buildkit/frontend/dockerfile/instructions"
	_ "github.com/moby/buildkit/frontend/dockerfile/linter"
	_ "github.com/moby/buildkit/frontend/dockerfile/parser"
	_ "go.lsp.dev/jsonrpc2"
	_ "go.lsp.dev/protocol"
	_ "go.uber.org/zap"
)
