# A shell-form ENTRYPOINT with a variable keeps its form (no fix): only a
# shell would expand it.
FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
# A shell-form HEALTHCHECK fails every time: the container is unhealthy.
# want ShellNotInImage:error "HEALTHCHECK CMD in shell form runs /bin/sh -c, and the image has no shell"
HEALTHCHECK --interval=30s CMD /app health --timeout=2s
# want ShellNotInImage:error "ENTRYPOINT in shell form starts /bin/sh -c"
ENTRYPOINT /app --port=$PORT
