FROM alpine:3.20
# want PackageCacheNotCleaned:warning "^apk add keeps the package index in /var/cache/apk; use `apk add --no-cache`$"
RUN apk update && apk add curl
RUN apk add --no-cache jq
RUN apk --no-cache add less
RUN apk add file && rm -rf /var/cache/apk/*
RUN --mount=type=cache,target=/var/cache/apk apk add tzdata
USER nobody
ENTRYPOINT ["curl"]
