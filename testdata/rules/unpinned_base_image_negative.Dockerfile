# escape=`
# Pinned, digested, stage references, scratch and unknown defaults: nothing to report.
ARG GO_VERSION=1.22
ARG BASE
ARG REGISTRY

FROM golang:${GO_VERSION} AS build
RUN go build -o /out/app .

FROM alpine@sha256:0000000000000000000000000000000000000000000000000000000000000000 AS digest
COPY --from=build /out/app /app

FROM alpine:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000 AS tagged-digest
COPY --from=digest /app /app

FROM localhost:5000/team/app:1.4 AS mirror
COPY --from=tagged-digest /app /app

# want InvalidDefaultArgInFrom:hint "needs --build-arg BASE"
FROM ${BASE} AS from-arg
COPY --from=mirror /app /app

# want InvalidDefaultArgInFrom:hint "needs --build-arg REGISTRY"
FROM ${REGISTRY}/team/app AS registry-arg
COPY --from=from-arg /app /app

# A bare name that is no official image: built locally, or a named build context.
FROM myapp-base AS local
COPY --from=registry-arg /app /app

FROM build AS stage-ref
COPY --from=local /app /app

FROM `
    node:20-slim AS continued
COPY --from=stage-ref /app /app

# distroless has no version tags: the -debian12 name is as pinned as a tag can be.
FROM gcr.io/distroless/static-debian12 AS distroless
COPY --from=continued /app /app

FROM scratch
COPY --from=distroless /app /app
