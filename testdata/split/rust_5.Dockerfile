# An Alpine Rust image in a file built for several platforms (it names
# BUILDPLATFORM) whose target directory is a cache mount: the cross build
# copies the binary out of the mount in the same RUN.
ARG BUILDPLATFORM
FROM rust:1.80-alpine3.20
RUN apk add --no-cache musl-dev
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/app/target \
    cargo build --release --bin worker
CMD ["/app/target/release/worker"]
