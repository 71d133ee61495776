ARG TARGETOS=linux
FROM alpine:3.20 AS binaries-linux
RUN echo linux > /bin/app
FROM alpine:3.20 AS binaries-windows
RUN echo windows > /bin/app
FROM binaries-$TARGETOS AS release
ONBUILD COPY --from=binaries-linux /bin/app /app
FROM scratch
COPY --from=release "/bin/app" /app
