FROM rust:1.81-bookworm
RUN apt-get update && apt-get install -y pkg-config libssl-dev
WORKDIR /build
COPY . .
RUN cargo build --release --bin server
EXPOSE 3000
CMD ./target/release/server --port 3000
