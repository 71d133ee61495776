# path: Dockerfile
# The image's program is make: the compilers are its workload.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
WORKDIR /work
ENTRYPOINT ["/usr/bin/make"]
