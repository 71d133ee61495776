# A scratch image whose ENTRYPOINT names a package: exported with
# --output, never started, so its user does not matter.
FROM alpine:3.20 AS build
RUN mkdir -p /out && touch /out/app.apk

FROM scratch
COPY --from=build /out/app.apk /app.apk
ENTRYPOINT ["/app.apk"]
