FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM alpine:3.20 AS base
# want UnknownStage "no stage is named \"bild\""
ONBUILD COPY --from=bild /out/app /app
ONBUILD COPY --from=build /out/app /app

FROM base
RUN true
