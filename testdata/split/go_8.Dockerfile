# A single-stage Go image whose file already builds for several platforms
# (it reads TARGETARCH): the split compiles on the build platform for the
# target and runs on the target platform.
FROM golang:1.22-alpine
ARG TARGETARCH
RUN echo "building for $TARGETARCH"
ENV CGO_ENABLED=0
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /out/api ./cmd/api
USER nobody
ENTRYPOINT ["/out/api"]
