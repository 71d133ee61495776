# Build and clean up in one RUN (the official images' pattern): the layer keeps
# only the result, as a multi-stage build would.
FROM alpine:3.20
RUN apk add --no-cache --virtual .build-deps gcc make musl-dev \
 && make -C /usr/src/tool install \
 && apk del .build-deps
USER nobody
ENTRYPOINT ["tool"]
