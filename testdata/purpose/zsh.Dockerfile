# path: dev.Dockerfile
FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends zsh build-essential && rm -rf /var/lib/apt/lists/*
CMD ["zsh"]
