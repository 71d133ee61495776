# A stage that only names an image is no build stage: copying the context into
# a single-stage image is not this rule's business.
ARG BASE=alpine:3.20
FROM ${BASE} AS base

FROM alpine:3.20
COPY --from=base /etc/os-release /etc/base-release
COPY . /
USER nobody
CMD ["/run.sh"]
