FROM golang:1.23-alpine
RUN apk add --no-cache git
WORKDIR /go/src/github.com/acme/worker
COPY . .
RUN <<EOT
  set -e
  go vet ./...
  cd cmd/worker
  go install .
EOT
CMD ["worker", "--queue", "default"]
