FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY cmd ./cmd
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

FROM rust:1.79 AS rs
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release

FROM scratch AS assets
COPY --from=build /out/api /bin/api

FROM gcr.io/distroless/static-debian12:nonroot
# want CopyFromMissingPath:error "^stage build never produces /app/api, so the COPY fails with \"not found\"; it produces /out/api \\(go build\\), /src/go\\.mod, /src/go\\.sum, \\.\\.\\.$"
COPY --from=build /app/api /api
COPY --from=build /out/api /api2
# Under the project directory a build may write anything: quiet. (Built
# for Rust's gnu target, it needs glibc, which this image lacks.)
# want LibcMismatch:warning "Rust's gnu targets link the C library dynamically"
COPY --from=rs /app/target/release/server /server
# A system path the base may ship: quiet.
COPY --from=build /usr/local/go/bin/go /go
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
# want CopyFromMissingPath "^stage assets never produces /bin/app"
COPY --from=assets /bin/app /app
COPY --from=assets /bin/api /api3
ENTRYPOINT ["/api"]
