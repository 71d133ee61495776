FROM golang:1.22
RUN CGO_ENABLED=0 go build -o /out/app .

FROM alpine:3.20
COPY --from=0 /out/app /app
# want StageIndexOutOfRange:error "there is no stage 2: this file has 2 stages, numbered 0 to 1"
COPY --from=2 /out/app /app2
# Mount from= does not take indexes in BuildKit: "7" would be an image name.
RUN --mount=type=bind,from=7,target=/x true
