# The build stage runs on the build machine and go build takes no target
# (awesome-compose's nginx-golang backend): an arm64 image gets an amd64
# binary.
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS builder
WORKDIR /code
ENV CGO_ENABLED=0
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# want CrossCompileIgnoresTarget:warning `^go build runs on the build machine \(--platform=\$BUILDPLATFORM\) and does not take the target from TARGETOS/TARGETARCH; stage 1 copies its output, .*GOOS=\$TARGETOS GOARCH=\$TARGETARCH$`
RUN go build -o bin/backend main.go

FROM scratch
COPY --from=builder /code/bin/backend /usr/local/bin/backend
USER 65534
CMD ["/usr/local/bin/backend"]
