package check_test

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/check"
	"github.com/dockerfile-lsp/dockerfile-lsp/analysis/syntax"
)

// BenchmarkCheck50Lines is the budget: all rules plus BuildKit's
// checks for a 50-line file within 5 ms. Each iteration changes a comment so
// that BuildKit's outcome cache never answers, and scans the text, as an edit
// would.
func BenchmarkCheck50Lines(b *testing.B) {
	for _, bk := range []bool{true, false} {
		name := "with-buildkit"
		if !bk {
			name = "project-rules-only"
		}
		b.Run(name, func(b *testing.B) {
			durs := make([]time.Duration, 0, b.N)
			for i := 0; i < b.N; i++ {
				text := strings.Replace(fiftyLines, "# edit", "# edit "+strconv.Itoa(i), 1)
				start := time.Now()
				check.Run(context.Background(), syntax.Parse(text), check.Config{DisableBuildKit: !bk})
				durs = append(durs, time.Since(start))
			}
			sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
			b.ReportMetric(float64(durs[len(durs)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(durs[min(len(durs)-1, len(durs)*95/100)].Microseconds())/1000, "p95-ms")
		})
	}
}

const fiftyLines = `# syntax=docker/dockerfile:1
# edit
ARG GO_VERSION=1.24
ARG ALPINE_VERSION=3.20
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS base
WORKDIR /src
ENV CGO_ENABLED=0
RUN apk add --no-cache git ca-certificates
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download

FROM base AS build
ARG TARGETOS
ARG TARGETARCH
RUN --mount=type=bind,target=. \
    --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/server ./cmd/server

FROM base AS test
RUN --mount=type=bind,target=. \
    --mount=type=cache,target=/go/pkg/mod \
    go test ./...

FROM base AS lint
RUN go install honnef.co/go/tools/cmd/staticcheck@latest
RUN --mount=type=bind,target=. staticcheck ./...

FROM alpine:${ALPINE_VERSION} AS certs
RUN apk add --no-cache ca-certificates tzdata

FROM scratch AS release
COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=certs /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build /out/server /server
ENV TZ=UTC
LABEL org.opencontainers.image.title="server" \
      org.opencontainers.image.source="https://example.com/server"
EXPOSE 8080/tcp
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=3s CMD ["/server", "health"]
ENTRYPOINT ["/server"]
CMD ["serve"]

FROM release AS debug
COPY --from=base /usr/local/go/bin/go /usr/local/bin/go
ENV DEBUG=1
ENTRYPOINT ["/server", "--debug"]
`
