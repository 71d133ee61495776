# The final stage is built on a stage pinned to the build platform.
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .

# want RuntimeOnBuildPlatform `^stage runtime, which the final stage is built on, runs on the build machine's platform`
FROM --platform=${BUILDPLATFORM} alpine:3.20 AS runtime
RUN apk add --no-cache ca-certificates

FROM runtime
COPY --from=build /out/app /usr/local/bin/app
USER nobody
ENTRYPOINT ["app"]
