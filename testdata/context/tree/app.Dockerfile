# app.Dockerfile.dockerignore applies instead of .dockerignore: docs and
# logs are sent, the static site is not.
FROM golang:1.23-alpine
WORKDIR /src
COPY docs/guide.md build.log /srv/
# want CopySourceNotFound `"static/index.html" is excluded by tree/app\.Dockerfile\.dockerignore`
COPY static/index.html /srv/
# BuildKit's CopyIgnoredFile said the same about that line and was dropped;
# it stays where only BuildKit, which expands the variable, can tell.
ARG PAGE=static/index.html
# want CopyIgnoredFile:warning `Attempting to Copy file "static/index.html" that is excluded by \.dockerignore`
COPY $PAGE /srv/
COPY app/ ./app/
RUN go build -o /out/app ./app
