# Floating tags name no version; a release code name is a pin.
# want UnpinnedBaseImage:information "base image \"golang:alpine\" has the floating tag \"alpine\".*FROM golang:\\$\\{GO_VERSION\\}-alpine"
FROM golang:alpine AS s1
# want UnpinnedBaseImage:information "base image \"node:lts-alpine\" has the floating tag \"lts-alpine\".*FROM node:\\$\\{NODE_VERSION\\}-alpine"
FROM node:lts-alpine AS s2
COPY --from=s1 /etc/os-release /s1
# want UnpinnedBaseImage:information "floating tag \"edge\""
FROM alpine:edge AS s3
COPY --from=s2 /etc/os-release /s2
# want UnpinnedBaseImage:information "floating tag \"sid\""
FROM debian:sid AS s4
COPY --from=s3 /etc/os-release /s3
FROM debian:bookworm-slim AS s5
COPY --from=s4 /etc/os-release /s4
