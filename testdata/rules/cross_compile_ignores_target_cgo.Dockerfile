# With cgo on, setting GOARCH is not enough: no fix, an explanation.
FROM --platform=$BUILDPLATFORM golang:1.22 AS build
WORKDIR /src
COPY . .
# want CrossCompileIgnoresTarget `with CGO_ENABLED=1 it also needs a C cross-compiler`
RUN CGO_ENABLED=1 go build -o /out/app ./cmd/app

FROM debian:bookworm-slim
COPY --from=build /out/app /usr/local/bin/app
USER nobody
ENTRYPOINT ["app"]
