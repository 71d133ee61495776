# A shell-form CMD after an exec-form ENTRYPOINT only passes arguments
# (["/bin/sh", "-c", "serve"] to /app): no shell starts.
FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /out/app .

FROM scratch
COPY --from=build /out/app /app
USER 65532
ENTRYPOINT ["/app"]
# want JSONArgsRecommended:warning "JSON arguments recommended for CMD"
CMD serve
