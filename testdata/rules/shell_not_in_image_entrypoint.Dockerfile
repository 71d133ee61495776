# A shell-form ENTRYPOINT with a variable keeps its form (no fix): only a
# shell would expand it.
FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
# want ShellNotInImage:error "ENTRYPOINT in shell form starts /bin/sh -c"
ENTRYPOINT /app --port=$PORT
