# A tool built for the build machine and used there, through a FROM scratch
# stage that only passes it on (buildx's lint.Dockerfile), and a copy of
# results, not of the build's output: no finding.
ARG FROM_SOURCE=true

FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS base

FROM base AS tool-build
WORKDIR /src
COPY . .
RUN go build -o /out/linter ./cmd/linter

FROM scratch AS tool-binary-false
FROM scratch AS tool-binary-true
COPY --from=tool-build /out/linter /linter
FROM tool-binary-${FROM_SOURCE} AS tool-binary

FROM base AS lint
COPY --from=tool-binary / /usr/bin/
COPY . .
RUN linter run

# want UnusedStage:hint "not used"
FROM base AS bench-base
RUN go install github.com/jstemmer/go-junit-report/v2@latest

# want UnusedStage:hint "not used"
FROM bench-base AS bench
ARG TARGETPLATFORM
COPY . .
RUN go test -bench=. ./... | go-junit-report > /tmp/bench.xml

# want UnusedStage:hint "not used"
FROM scratch AS bench-results
COPY --from=bench /tmp/bench.xml /

FROM lint
