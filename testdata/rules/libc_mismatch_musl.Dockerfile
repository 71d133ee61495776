# A cgo build on Alpine links musl; a Debian image has glibc.
FROM golang:1.23-alpine AS build
RUN apk add --no-cache gcc musl-dev
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=1 go build -o /out/app .

FROM debian:bookworm-slim
# want LibcMismatch:warning "cgo is on \\(CGO_ENABLED=1\\), so it loads musl .* the final image has glibc, not musl"
COPY --from=build /out/app /usr/local/bin/app
USER nobody
ENTRYPOINT ["/usr/local/bin/app"]
