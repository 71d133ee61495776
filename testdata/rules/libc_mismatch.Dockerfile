# go build on the golang Debian image leaves cgo on: the program links
# glibc when it uses C code.
FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod main.go ./
RUN go build -o /out/app . && go build -o /out/static -ldflags '-extldflags "-static"' ./cmd/static

# Alpine builds link musl.
FROM golang:1.23-alpine AS musl
RUN apk add --no-cache gcc musl-dev
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=1 go build -o /out/app .

# Without cgo the program needs no C library.
FROM golang:1.23 AS pure
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /out/app .

# A build argument counts like ENV.
FROM golang:1.23 AS argoff
ARG CGO_ENABLED=0
WORKDIR /src
COPY go.mod main.go ./
RUN go build -o /out/app .

FROM alpine:3.20
# want LibcMismatch:warning "the final image has musl, not glibc"
COPY --from=build /out/app /usr/local/bin/app
COPY --from=build /out/static /usr/local/bin/static
COPY --from=musl /out/app /usr/local/bin/musl-app
COPY --from=pure /out/app /usr/local/bin/pure
COPY --from=argoff /out/app /usr/local/bin/argoff
USER nobody
ENTRYPOINT ["/usr/local/bin/app"]
