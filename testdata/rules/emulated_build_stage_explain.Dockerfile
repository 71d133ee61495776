# Builds whose output is machine code or native modules: an explanation, no
# edit.
# want EmulatedBuildStage `^stage rust \(cargo build\).*must cross-compile: pass --target`
FROM rust:1.79 AS rust
WORKDIR /src
COPY . .
RUN cargo build --release

# want EmulatedBuildStage `^stage web \(npm run build\).*node_modules may hold native modules`
FROM node:20 AS web
WORKDIR /web
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-slim
ARG TARGETPLATFORM
COPY --from=rust /src/target/release/tool /usr/local/bin/tool
COPY --from=web /web/node_modules /app/node_modules
COPY --from=web /web/dist /app/dist
USER node
CMD ["node", "/app/dist/index.js"]
