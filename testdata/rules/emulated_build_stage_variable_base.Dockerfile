# A base chosen by a variable may be a stage on the build platform
# (containerd's release Dockerfile: FROM ${TARGETOS} AS target).
FROM --platform=$BUILDPLATFORM golang:1.22 AS linux
FROM ${TARGETOS} AS target
WORKDIR /src
COPY . .
RUN make release

FROM scratch AS release
COPY --from=target /src/releases/ /
