# Stage 0 is unnamed and nothing uses it: dead code.
# want UnusedStage:warning "stage 0 is never used"
FROM alpine:3.20
RUN echo never built

# A named stage nothing needs may still be a --target: only a hint.
# want UnusedStage:hint "stage \"docs\" is not used by the final stage app; it is built only when asked for with --target docs"
FROM alpine:3.20 AS docs
RUN echo docs

FROM golang:1.22 AS build
WORKDIR /src
RUN CGO_ENABLED=0 go build -o /out/app .

# Reached only through another reached stage: used.
FROM build AS tested
RUN go vet ./...

FROM alpine:3.20 AS assets
RUN mkdir -p /assets

# want FinalStageRunsAsRoot:information "runs as root"
FROM gcr.io/distroless/static-debian12 AS app
COPY --from=tested /out/app /app
RUN --mount=type=bind,from=assets,target=/mnt ["/app", "--check", "/mnt"]
ENTRYPOINT ["/app"]
