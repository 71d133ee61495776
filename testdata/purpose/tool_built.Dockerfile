# path: Dockerfile
# Compilers used to build in the image, never removed: still a warning.
FROM debian:bookworm-slim
# want BuildToolsInFinalStage "gcc, make are installed"
RUN apt-get update && apt-get install -y --no-install-recommends gcc make && rm -rf /var/lib/apt/lists/*
COPY . /src
# want SingleStageBuild:information "make install"
RUN make -C /src install
USER nobody
CMD ["/usr/local/bin/app"]
