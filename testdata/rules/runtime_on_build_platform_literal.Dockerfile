# A fixed platform in the final stage of a file that builds for several.
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .

# want RuntimeOnBuildPlatform `^the final stage is pinned to linux/amd64 while the file builds for several platforms` FromPlatformFlagConstDisallowed "linux/amd64"
FROM --platform=linux/amd64 alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
USER nobody
ENTRYPOINT ["app"]
