FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
# want SourceCopiedIntoFinalStage:warning `^COPY \. copies the whole build context \(sources, tests, build files\) into the final image although the build stage already produced the artifacts`
COPY . /srv
# Single files and directories are deliberate.
COPY config.yaml /etc/app/config.yaml
ENTRYPOINT ["/app"]
