# A multi-platform file (the runtime stage reads TARGETARCH) whose Go build
# stage runs under emulation for every platform but the build machine's.
# want EmulatedBuildStage:hint `^stage build \(go build\) only hands its output to other stages but runs on the target platform: .*; Go cross-compiles natively`
FROM golang:1.22-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM alpine:3.20
ARG TARGETARCH
RUN echo "running on $TARGETARCH"
COPY --from=build /out/app /usr/local/bin/app
USER nobody
ENTRYPOINT ["app"]
