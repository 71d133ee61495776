# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22

FROM golang:${GO_VERSION} AS deps
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download

FROM deps AS build
RUN --mount=type=cache,from=deps,source=/root/go,target=/root/go \
    go build -o /out/server ./cmd/server
RUN go build -o /out/migrate ./cmd/migrate

FROM build AS test
RUN go test ./...

# Nothing needs this one.
FROM alpine:3.20
RUN echo "left over"

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/server /server
COPY --from=build /out/migrate /migrate
COPY --from=nginx:1.27 /etc/nginx/mime.types /etc/mime.types
COPY --from=0 /src/go.mod /go.mod
USER nonroot
ENTRYPOINT ["/server"]
