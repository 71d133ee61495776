# syntax=docker/dockerfile:1
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
