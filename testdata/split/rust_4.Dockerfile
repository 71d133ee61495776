# A single-stage Rust image whose file already builds for several platforms
# (it reads TARGETARCH): the split cross-compiles on the build platform with
# tonistiigi/xx and runs on the target platform.
FROM rust:1.79-bookworm
ARG TARGETARCH
RUN echo "building for $TARGETARCH"
WORKDIR /usr/src/api
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release --locked
EXPOSE 8000
CMD ["./target/release/api"]
