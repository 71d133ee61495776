# A build whose output lies in a directory its RUN mounts as a cache wrote
# nothing into the image: the COPY --from of that output fails.
FROM rust:1.79 AS build
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/app/target \
    cargo build --release && cp target/release/server /usr/local/bin/server

# Dependencies installed into a cache mount are not in the image either;
# a relative target lies in the WORKDIR.
FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=node_modules npm ci --omit=dev

# What a RUN writes next to a mount, or copies out of it, is there.
FROM node:20-slim AS assets
WORKDIR /web
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci && mkdir -p /web/public

FROM debian:bookworm-slim
# want CopyFromMissingPath:error "/app/target/release/server lies under /app/target, a cache mount of a RUN in stage build"
COPY --from=build /app/target/release/server /usr/local/bin/app
COPY --from=build /usr/local/bin/server /usr/local/bin/server
# want CopyFromMissingPath:error "/app/node_modules lies under /app/node_modules, a cache mount of a RUN in stage deps"
COPY --from=deps /app/node_modules /srv/node_modules
COPY --from=assets /web/node_modules /web/node_modules
COPY --from=assets /web/public /web/public
USER 1000
ENTRYPOINT ["/usr/local/bin/server"]
