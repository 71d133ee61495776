# Builds that take the target, one way or another: no finding.
FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.4 AS xx

# tonistiigi/xx's wrappers read TARGETPLATFORM themselves.
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS xxgo
COPY --from=xx / /
ARG TARGETPLATFORM
WORKDIR /src
COPY . .
RUN xx-go build -o /out/xxgo . && xx-verify /out/xxgo

# GOARCH set through ENV from the target arguments.
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS envgo
ARG TARGETOS TARGETARCH
ENV GOOS=$TARGETOS GOARCH=$TARGETARCH CGO_ENABLED=0
WORKDIR /src
COPY . .
RUN go build -o /out/envgo .

# go env -w writes the target into Go's own configuration.
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS goenv
ARG TARGETARCH
RUN go env -w GOARCH=$TARGETARCH CGO_ENABLED=0
WORKDIR /src
COPY . .
RUN go build -o /out/goenv .

# A Makefile reads TARGETARCH once the stage passes it.
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS makego
ARG TARGETARCH
WORKDIR /src
COPY . .
RUN apk add --no-cache make && make build

# cargo with a target derived from TARGETPLATFORM in an earlier RUN.
FROM --platform=$BUILDPLATFORM rust:1.79 AS rust
ARG TARGETPLATFORM
RUN case "$TARGETPLATFORM" in "linux/arm64") echo aarch64-unknown-linux-gnu ;; *) echo x86_64-unknown-linux-gnu ;; esac > /target.txt
WORKDIR /src
COPY . .
RUN cargo build --release --target "$(cat /target.txt)"

# .NET without a runtime identifier writes portable IL.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:8.0 AS dotnet
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app

# A tool built and run on the build platform, whose output is not copied
# into a target stage.
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS gen
WORKDIR /src
COPY . .
RUN go build -o /out/gen ./cmd/gen

FROM --platform=$BUILDPLATFORM alpine:3.20 AS docs
COPY --from=gen /out/gen /gen
RUN /gen > /docs.html

FROM alpine:3.20
COPY --from=xxgo /out/xxgo /usr/local/bin/
COPY --from=envgo /out/envgo /usr/local/bin/
COPY --from=goenv /out/goenv /usr/local/bin/
COPY --from=makego /src/bin/app /usr/local/bin/
COPY --from=rust /src/target /opt/target
COPY --from=dotnet /app /app
COPY --from=docs /docs.html /srv/
USER nobody
ENTRYPOINT ["app"]
