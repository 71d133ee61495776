# A copied directory holds what lies below it: the program is there.
FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod main.go ./
RUN mkdir -p /out && CGO_ENABLED=0 go build -o /out/app .

FROM scratch
COPY --from=build /out /app
USER 65532
ENTRYPOINT ["/app/app"]
