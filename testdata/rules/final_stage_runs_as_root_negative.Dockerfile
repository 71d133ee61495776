# USER set in the stage the final one is based on; the build stage's root does
# not matter. An artifact stage FROM scratch without a command never runs and
# is not the final stage here.
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM scratch AS binaries
COPY --from=build /out/app /app

FROM alpine:3.20 AS runtime
RUN adduser -D -u 10001 app
USER app

FROM runtime
COPY --from=binaries /app /app
ENTRYPOINT ["/app"]
