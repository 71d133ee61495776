# A CI image without CMD or ENTRYPOINT is a build environment, not an
# application image: its toolchain is the point.
FROM golang:1.22-alpine
RUN apk add --no-cache git make
RUN go install golang.org/x/tools/cmd/goimports@latest
