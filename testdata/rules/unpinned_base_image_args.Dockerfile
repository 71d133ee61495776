# The file already declares the version ARG: reuse it, keep the templated
# parts of the name.
ARG ALPINE_VERSION=3.20
ARG OS=linux
ARG ARCH=amd64
# want UnpinnedBaseImage:information "pin a version with the ARG ALPINE_VERSION this file declares: FROM alpine:\\$\\{ALPINE_VERSION\\}$"
FROM alpine AS a
# want UnpinnedBaseImage:information "FROM registry.example.com/busybox-\\$\\{OS\\}-\\$\\{ARCH\\}:\\$\\{BUSYBOX_.*_VERSION\\}"
FROM registry.example.com/busybox-${OS}-${ARCH}
COPY --from=a /etc/alpine-release /x
