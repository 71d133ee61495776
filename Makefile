# The two commands a newcomer needs: `make example` and `make test`.
GO ?= go
BIN := bin/dockerfile-lsp
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
# A count, not a duration: Go 1.26 can fail a duration-bounded run with
# "context deadline exceeded" at its end though nothing was found (go.dev/issue/75804).
FUZZTIME ?= 100000x

.PHONY: build example test test-go test-editors fuzz bench vet corpus-report release release-check

# Static (no cgo): nothing needs libc, and not mapping it saves memory.
build:
	CGO_ENABLED=0 $(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/dockerfile-lsp

# Release files in dist/: static binaries for Linux, macOS and Windows on
# amd64 and arm64 with the version stamped in (--version prints it), one
# archive each (.tar.gz, .zip for Windows) and SHA256SUMS.
# Usage: make release VERSION=v1.2.3
release:
	$(GO) run ./cmd/release -version $(VERSION) -out dist

# What CI checks of a release, in a fraction of its time: the Linux and
# Windows amd64 archives are built, their checksums hold, and the Linux
# binary is static and reports the version it was given.
release-check:
	$(GO) run ./cmd/release -snapshot -version $(VERSION) -out dist -platforms linux/amd64,windows/amd64
	cd dist && sha256sum -c SHA256SUMS
	mkdir -p dist/unpacked && tar -xzf dist/dockerfile-lsp_$(VERSION)_linux_amd64.tar.gz -C dist/unpacked
	$(GO) version -m dist/unpacked/dockerfile-lsp_$(VERSION)_linux_amd64/dockerfile-lsp | grep -q 'CGO_ENABLED=0'
	test "$$(dist/unpacked/dockerfile-lsp_$(VERSION)_linux_amd64/dockerfile-lsp --version)" = "dockerfile-lsp $(VERSION)"
	@echo "release-check: dockerfile-lsp $(VERSION) built for linux/amd64 and windows/amd64"

# Builds the server and checks the bundled example (findings are expected;
# only errors would make it fail).
example: build
	./$(BIN) check --fail-level error testdata/example/Dockerfile

# The whole suite: formatting, vet, Go tests (unit, fixtures, corpus sweeps,
# end-to-end over JSON-RPC) and the real editor clients.
test: vet test-go test-editors

vet:
	@test -z "$$(gofmt -l cmd server analysis completion internal)" || { gofmt -l cmd server analysis completion internal; echo "gofmt needed"; exit 1; }
	$(GO) vet ./...

# The packages shared across goroutines (the server, the snapshots and the
# engine's cache, navigation, syntax) run again under the race detector, so
# that the concurrency tests can fail.
test-go:
	$(GO) test ./...
	$(GO) test -race ./server/... ./analysis/cache ./analysis/filekind ./analysis/navigate ./analysis/syntax

test-editors: build
	DOCKERFILE_LSP=$(CURDIR)/$(BIN) bash editors/test-all.sh

# Short fuzzing of the scanner, the incremental update, the RUN command
# reader, the rules, and the workspace reader. A count of
# runs, not a duration: the time a count takes grows with the inputs the
# fuzzer keeps in its cache (it minimises each new one), so the test timeout
# is raised from its 10 minutes.
fuzz:
	$(GO) test ./analysis/syntax -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) -timeout 30m
	$(GO) test ./analysis/syntax -run '^$$' -fuzz '^FuzzApply$$' -fuzztime $(FUZZTIME) -timeout 30m
	$(GO) test ./analysis/shell -run '^$$' -fuzz '^FuzzCommands$$' -fuzztime $(FUZZTIME) -timeout 30m
	$(GO) test ./analysis/check -run '^$$' -fuzz '^FuzzRules$$' -fuzztime $(FUZZTIME) -timeout 30m
	$(GO) test ./analysis/wsfile -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME) -timeout 30m

# Go benchmarks of the engine, the server's keystroke path and the
# end-to-end stdio benchmarks (spawn, open, completion over JSON-RPC).
bench:
	$(GO) test ./analysis/... ./completion/... ./server/... ./cmd/... -run '^$$' -bench . -benchmem

# Per rule, how many files of ../shared/corpus (real and naive) it fires on;
# SAMPLES=N also lists N findings per rule to read.
SAMPLES ?= 0
corpus-report:
	$(GO) run ./cmd/corpus-report -samples $(SAMPLES)
