# Build dependencies removed in the same RUN, by a computed purge list or a
# virtual package: nothing stays in the image.
FROM debian:bookworm-slim
RUN dpkg-query -W -f '${Package}\n' > /tmp/before \
 && apt-get update && apt-get install -y --no-install-recommends gcc make libc6-dev \
 && make -C /src install \
 && dpkg-query -W -f '${Package}\n' > /tmp/after \
 && apt-get purge -y $(comm -13 /tmp/before /tmp/after) \
 && rm -rf /var/lib/apt/lists/* /tmp/before /tmp/after
RUN apk add --no-cache --virtual .build-deps gcc musl-dev make \
 && make -C /src2 install \
 && apk del .build-deps
USER nobody
CMD ["/usr/local/bin/app"]
