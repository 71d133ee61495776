# path: Dockerfile
# A distcc build farm: the compilers are the workload.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends distcc gcc g++ make && rm -rf /var/lib/apt/lists/*
USER distccd
ENTRYPOINT ["distccd", "--daemon", "--no-detach"]
