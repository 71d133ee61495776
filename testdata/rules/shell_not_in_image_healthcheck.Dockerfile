# An exec-form HEALTHCHECK needs no shell, and NONE turns an inherited one
# off: quiet.
FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot AS base
COPY --from=build /out/app /app
HEALTHCHECK CMD /app health

FROM base
HEALTHCHECK --interval=30s CMD ["/app", "health"]
ENTRYPOINT ["/app"]
