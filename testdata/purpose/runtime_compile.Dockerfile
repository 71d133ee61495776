# path: Dockerfile
# A benchmark compiled when it runs: nothing in the file builds with gcc.
FROM alpine:3.20
RUN apk add --no-cache gcc make musl-dev perl
COPY bench /opt/bench
USER nobody
ENTRYPOINT ["/opt/bench/run"]
