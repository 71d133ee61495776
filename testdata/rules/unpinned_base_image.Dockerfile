# Base images that move under the build.
ARG IMAGE=node
ARG DISTRO=ubuntu:latest

# want UnpinnedBaseImage:information "base image \"alpine\" has no tag.*ARG ALPINE_VERSION=<version>"
FROM alpine AS tools
RUN echo tools > /tools

# want UnpinnedBaseImage:information "base image \"golang:latest\" follows latest.*ARG GO_VERSION=<version>.*FROM golang:\\$\\{GO_VERSION\\}"
FROM --platform=$BUILDPLATFORM golang:latest AS build
COPY --from=tools /tools /tools
# want CrossCompileIgnoresTarget "go build runs on the build machine"
RUN go build -o /out/app .

# want UnpinnedBaseImage:information "base image \"node\" \\(the default of \\$\\{IMAGE\\}\\) has no tag.*NODE_VERSION"
FROM ${IMAGE} AS web
COPY --from=build /out/app /app

# want UnpinnedBaseImage:information "base image \"ubuntu:latest\" \\(the default of \\$DISTRO\\) follows latest"
FROM $DISTRO AS distro
COPY --from=web /app /app

# want UnpinnedBaseImage:information "base image \"localhost:5000/team/app\" has no tag.*APP_VERSION"
FROM localhost:5000/team/app AS mirror
COPY --from=distro /app /app

# want UnpinnedBaseImage:information "base image \"gcr.io/distroless/static\" has no tag, and distroless publishes no version tags.*gcr.io/distroless/static-debian12"
FROM gcr.io/distroless/static AS distroless
COPY --from=mirror /app /app

# want UnpinnedBaseImage:information "base image \"ghcr.io/acme/runtime\" has no tag.*RUNTIME_VERSION"
FROM ghcr.io/acme/runtime
COPY --from=distroless /app /app
USER 1000
ENTRYPOINT ["/app"]
