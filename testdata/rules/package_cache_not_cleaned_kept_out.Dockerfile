# Nothing downloaded (apk --no-network) or nothing kept (a tmpfs over the
# apt lists): no finding.
FROM alpine:3.20
COPY packages /packages
RUN apk add --no-network --allow-untrusted /packages/*.apk
RUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends curl
USER nobody
CMD ["/usr/bin/tool"]
