FROM rust:1.80-alpine3.20
RUN apk add --no-cache musl-dev
WORKDIR /app
COPY . .
RUN cargo install --path . --locked
CMD ["mycli", "--help"]
