FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build \
    -o /out/app .

# want UnusedStage:hint "stage \"debug\""
FROM alpine:3.20 AS debug
RUN echo debug

FROM alpine:3.20
# want UnknownStage "did you mean \"build\""
COPY --from=buld /out/app /app
COPY --from=build /out/app /app
