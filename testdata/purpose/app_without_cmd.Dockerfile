# path: Dockerfile
# A multi-stage application image with no CMD: the final stage copies the
# build's result, so it is checked like any application image.
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM debian:bookworm-slim
# want BuildToolsInFinalStage "gcc, make are installed"
RUN apt-get update && apt-get install -y --no-install-recommends gcc make && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/app /usr/local/bin/app
