# Rust's gnu targets, the default on the Debian rust images, load glibc.
FROM rust:1.79 AS build
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release --bin server && cp target/release/server /usr/local/bin/server

# A musl target links the C library in.
FROM rust:1.79 AS musl
RUN rustup target add x86_64-unknown-linux-musl
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release --target x86_64-unknown-linux-musl --bin server

# So does crt-static.
FROM rust:1.79 AS static
ENV RUSTFLAGS="-C target-feature=+crt-static"
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release --target x86_64-unknown-linux-gnu --bin server

FROM gcr.io/distroless/static-debian12:nonroot
# want LibcMismatch:warning "^/usr/local/bin/server is built by cargo build and Rust's gnu targets link the C library dynamically, so it loads glibc; the final image has no C library"
COPY --from=build /usr/local/bin/server /server
COPY --from=musl /app/target/x86_64-unknown-linux-musl/release/server /server-musl
COPY --from=static /app/target/x86_64-unknown-linux-gnu/release/server /server-static
ENTRYPOINT ["/server"]
