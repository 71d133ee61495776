# No platform argument anywhere: a single-platform build, nothing emulated.
FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /usr/local/bin/app
USER nobody
ENTRYPOINT ["app"]
