# path: Dockerfile
# The program is a binary built in another stage: compilers that nothing
# builds with are plain bloat.
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM debian:bookworm-slim
# want BuildToolsInFinalStage "gcc is installed"
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/app /usr/local/bin/app
USER nobody
CMD ["/usr/local/bin/app"]
