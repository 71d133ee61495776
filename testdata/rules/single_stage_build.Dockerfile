# want FinalStageBuildImage:warning "golang:1\\.22-alpine \\(the Go toolchain, about 75 MB"
FROM golang:1.22-alpine
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# want SingleStageBuild:information "^single-stage build: `go build` runs in the image that ships, so the toolchain, the sources and the build's leftovers stay in it"
RUN CGO_ENABLED=0 go build -o /usr/local/bin/app . && go vet ./...
USER nobody
ENTRYPOINT ["app"]
