FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server .

FROM alpine:3.20
WORKDIR /usr/src/app
COPY --from=build /out/server ./server
USER nobody
# want ProgramNotInImage "^CMD runs /usr/src/app/srv, which the image does not have"
CMD ["./srv", "--port", "8080"]
