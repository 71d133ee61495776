FROM rust:1.79
WORKDIR /usr/src/api
# Cache dependencies
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release --locked
EXPOSE 8000
ENV RUST_LOG=info
CMD ["./target/release/api"]
