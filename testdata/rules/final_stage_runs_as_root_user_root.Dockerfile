FROM debian:bookworm-slim AS base
RUN useradd -r -u 10001 app
USER app

FROM base
USER root
# want FinalStageRunsAsRoot:warning "^the final image runs as root: the last USER is 0:0"
USER 0:0
CMD ["/usr/local/bin/app"]
