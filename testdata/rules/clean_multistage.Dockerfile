# syntax=docker/dockerfile:1
# A correct multi-stage build: nothing to report.
ARG GO_VERSION=1.22
FROM golang:${GO_VERSION} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

# want UnusedStage:hint "stage \"test\" is not used by the final stage \\(#2, line 15\\); it is built only when asked for with --target test"
FROM build AS test
RUN go test ./...

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
USER nonroot
ENTRYPOINT ["/app"]
