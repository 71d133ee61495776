# A cgo build (sqlite) needs glibc at run time: never scratch,
# distroless/static or Alpine.
# want FinalStageBuildImage:warning "runtime stage such as gcr.io/distroless/base-debian12 or debian:bookworm-slim; the program is built with cgo"
FROM golang:1.23-bookworm
# want BuildToolsInFinalStage:information "libsqlite3-dev"
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# want SingleStageBuild:information "go build"
RUN CGO_ENABLED=1 go build -o /usr/local/bin/app .
USER nobody
ENTRYPOINT ["/usr/local/bin/app"]
