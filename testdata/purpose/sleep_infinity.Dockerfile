# path: Dockerfile-dev
# A container kept alive to run commands in.
FROM node:20
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
WORKDIR /workspace
# want JSONArgsRecommended "JSON arguments"
CMD sleep infinity
