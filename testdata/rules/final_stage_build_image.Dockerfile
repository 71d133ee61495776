# The final stage is built on the build stage, so the image that ships is the
# whole Go toolchain. The finding sits on the FROM that names the image.
ARG GO_VERSION=1.22
# want FinalStageBuildImage:warning `^the final image \(through stage build\) is based on golang:1\.22 \(the Go toolchain, about 290 MB compressed; an estimate\), which the built program does not need at run time; .*gcr\.io/distroless/static-debian12 \(about 2 MB\) or alpine or scratch$`
FROM golang:${GO_VERSION} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM build AS release
USER 65532:65532
ENTRYPOINT ["/out/app"]
