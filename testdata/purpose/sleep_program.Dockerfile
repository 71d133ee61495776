# path: tools/Dockerfile
# No name says it, the program does: nothing runs but sleep.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
CMD ["sleep", "infinity"]
