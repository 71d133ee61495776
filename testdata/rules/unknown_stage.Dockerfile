FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -o /out/app .

FROM alpine:3.20 AS tools
RUN apk add --no-cache curl

FROM alpine:3.20
# A typo of a stage name is pulled from Docker Hub: warn and suggest.
# want UnknownStage:warning "no stage is named \"biuld\": BuildKit would pull the image docker.io/library/biuld instead; did you mean \"build\"\\?"
COPY --from=biuld /out/app /app
# Several flags around --from, and a different case: still the stage.
COPY --chown=1:1 --from=BUILD --chmod=755 /out/app /app2
# want UnknownStage:warning "did you mean \"tools\""
RUN --mount=type=bind,from=tols,target=/t true
# A bare image name with no stage close to it: only information.
# want UnknownStage:information "no stage is named \"busybox\""
COPY --from=busybox /bin/busybox /bin/busybox
# Anything with a registry, tag or digest is clearly an image.
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
COPY --from=docker.io/library/busybox /bin/sh /bin/sh2
# The index of an existing stage.
COPY --from=1 /usr/bin/curl /usr/bin/curl
