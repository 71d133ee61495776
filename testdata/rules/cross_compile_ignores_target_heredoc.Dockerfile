# A go build in a heredoc: the fix edits the script in place.
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS builder
WORKDIR /code
COPY . .
RUN <<EOT
set -e
# want CrossCompileIgnoresTarget "^go build runs on the build machine"
CGO_ENABLED=0 go build -o bin/backend main.go
EOT

FROM scratch
COPY --from=builder /code/bin/backend /usr/local/bin/backend
USER 65534
CMD ["/usr/local/bin/backend"]
