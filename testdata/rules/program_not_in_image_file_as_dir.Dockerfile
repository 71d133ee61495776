# The build writes one program, a file; the COPY makes /app that file, so
# nothing can lie below it.
FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /out/app .

FROM scratch
COPY --from=build /out/app /app
USER 65532
# want ProgramNotInImage:error "ENTRYPOINT runs /app/server, which the image does not have"
ENTRYPOINT ["/app/server"]
