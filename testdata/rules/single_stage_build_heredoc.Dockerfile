# syntax=docker/dockerfile:1
FROM alpine:3.20
# want BuildToolsInFinalStage:warning "build tools in the final image: build-base is installed"
RUN apk add --no-cache build-base
COPY . /src
RUN <<EOF
set -e
cd /src
# want SingleStageBuild "single-stage build: `make`"
make
EOF
USER nobody
ENTRYPOINT ["/src/tool"]
