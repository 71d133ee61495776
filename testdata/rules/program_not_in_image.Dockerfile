FROM golang:1.23 AS build
WORKDIR /app
COPY . .
RUN CGO_ENABLED=0 go build -o /app/hello .

FROM scratch
COPY --from=build /app/hello .
USER 65532
# want ProgramNotInImage:error "^ENTRYPOINT runs /main, which the image does not have: the container fails to start; the image has /hello$"
ENTRYPOINT ["./main"]
