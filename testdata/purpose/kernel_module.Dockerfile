# path: Dockerfile
# Builds and loads a kernel module when it starts.
# Loading a module needs root: that finding stays.
# want FinalStageRunsAsRoot:information "runs as root"
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential kmod libelf-dev && rm -rf /var/lib/apt/lists/*
COPY module /usr/src/module
COPY start.sh /start.sh
ENTRYPOINT ["/start.sh"]
