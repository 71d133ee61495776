# What BuildKit reports offline with a bare image config, and real builds do
# not: variables set by well-known base images, GPG key ids, and .NET
# configuration paths that name a key. Nothing here may be reported.
FROM golang:1.24 AS build
WORKDIR $GOPATH/src/app
COPY . .
RUN go build -o /out/app .

FROM python:3.13-slim AS docs
# want LegacyKeyValueFormat:warning "ENV key=value"
ENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305
ENV SIGNING_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D
RUN echo "$PYTHON_VERSION" > /version

FROM mcr.microsoft.com/dotnet/aspnet:9.0
ENV Filters__0__Key=ProcessId
ENV PORTS=$ASPNETCORE_HTTP_PORTS
COPY --from=build /out/app /app
COPY --from=docs /version /version
USER $APP_UID
ENTRYPOINT ["/app"]
