# The right shape: build on the build platform, cross-compile, run on the
# target platform.
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .

# want UnusedStage:hint "not used by the final stage"
FROM alpine:3.20 AS runtime
COPY --from=build /out/app /usr/local/bin/app
USER nobody
ENTRYPOINT ["app"]

# An export stage (docker build --output) holds files, not a platform.
FROM --platform=$BUILDPLATFORM scratch AS binaries
COPY --from=build /out/app /
