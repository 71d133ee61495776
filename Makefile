# The two commands a newcomer needs: `make example` and `make test`.
GO ?= go
BIN := bin/dockerfile-lsp
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
# A count, not a duration: Go 1.26 can fail a duration-bounded run with
# "context deadline exceeded" at its end though nothing was found (go.dev/issue/75804).
FUZZTIME ?= 100000x

.PHONY: build example test test-go test-editors fuzz bench vet corpus-report

# Static (no cgo): nothing needs libc, and not mapping it saves memory.
build:
	CGO_ENABLED=0 $(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/dockerfile-lsp

# Builds the server and checks the bundled example (findings are expected;
# only errors would make it fail).
example: build
	./$(BIN) check --fail-level error testdata/example/Dockerfile

# The whole suite: formatting, vet, Go tests (unit, fixtures, corpus sweeps,
# end-to-end over JSON-RPC) and the real editor clients.
test: vet test-go test-editors

vet:
	@test -z "$$(gofmt -l cmd server analysis completion)" || { gofmt -l cmd server analysis completion; echo "gofmt needed"; exit 1; }
	$(GO) vet ./...

# The packages shared across goroutines (the server, the snapshots and the
# engine's cache, navigation, syntax) run again under the race detector, so
# that the concurrency tests can fail.
test-go:
	$(GO) test ./...
	$(GO) test -race ./server/... ./analysis/cache ./analysis/filekind ./analysis/navigate ./analysis/syntax

test-editors: build
	DOCKERFILE_LSP=$(CURDIR)/$(BIN) bash editors/test-all.sh

# Short fuzzing of the scanner, the incremental update and the workspace reader.
fuzz:
	$(GO) test ./analysis/syntax -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./analysis/syntax -run '^$$' -fuzz '^FuzzApply$$' -fuzztime $(FUZZTIME)
	$(GO) test ./analysis/wsfile -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME)

# Go benchmarks of the engine, the server's keystroke path and the
# end-to-end stdio benchmarks (spawn, open, completion over JSON-RPC).
bench:
	$(GO) test ./analysis/... ./completion/... ./server/... ./cmd/... -run '^$$' -bench . -benchmem

# Per rule, how many files of ../shared/corpus (real and naive) it fires on;
# SAMPLES=N also lists N findings per rule to read.
SAMPLES ?= 0
corpus-report:
	$(GO) run ./cmd/corpus-report -samples $(SAMPLES)
