# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22

# Build the API server.
FROM golang:${GO_VERSION}-bookworm
ENV CGO_ENABLED=0 \
    GOFLAGS=-trimpath
WORKDIR /src

# Dependencies first, for the layer cache.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build \
      -ldflags="-s -w -X main.version=1.0.0" \
      -o /out/api ./cmd/api

LABEL org.opencontainers.image.source="https://example.com/api"
EXPOSE 8080
USER nobody
# The binary checks its own health.
HEALTHCHECK --interval=30s CMD ["/out/api", "healthcheck"]
ENTRYPOINT ["/out/api"]
CMD ["serve"]
