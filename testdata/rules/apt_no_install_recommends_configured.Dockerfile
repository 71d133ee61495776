# apt is configured not to install recommends: nothing to report.
FROM debian:bookworm-slim
RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
USER nobody
ENTRYPOINT ["curl"]
