# The build context is this folder, filtered by its .dockerignore.
FROM golang:1.23-alpine AS build
ARG SRC=app
WORKDIR /src
COPY go.mod go.sum ./
# want CopySourceNotFound:error "COPY source \"app/mian.go\" is not in the build context tree; building the stage fails"
COPY app/mian.go ./app/
COPY app/ ./app/
COPY ./static/index.html /srv/
COPY /README.md /srv/
# want CopySourceNotFound:error `COPY source "docs/guide.md" is excluded by tree/\.dockerignore`
COPY docs/guide.md /srv/
# want CopySourceNotFound "\"build.log\" is excluded"
COPY build.log /srv/
COPY keep.log /srv/
# want CopySourceNotFound "\"logs/nested/trace.log\" is excluded"
COPY logs/nested/trace.log /srv/
COPY logs /srv/logs
COPY secrets/public.txt /srv/
# want CopySourceNotFound "\"secrets/token.txt\" is excluded"
COPY secrets/token.txt /srv/
COPY secrets /srv/secrets
COPY app/*.go ./app/
COPY *.mod ./
COPY go.sum vendor* ./
# want CopySourceNotFound:warning `"\*\.txt" matches nothing`
COPY *.txt /srv/
# want CopySourceNotFound:warning `"docs/\*\.md" matches nothing`
COPY docs/*.md /srv/
# want CopySourceNotFound "\"pipe\" is not in the build context"
COPY pipe /srv/
COPY outside /srv/
COPY outside/hostname /srv/
COPY applink/main.go /srv/
COPY --from=alpine:3.20 /etc/os-release /srv/
ADD https://example.com/archive.tar.gz /tmp/
COPY $SRC /srv/
COPY <<EOT /srv/hello.txt
hello
EOT
# want CopySourceNotFound "\"app/missing.go\" is not in"
COPY ["app/missing.go", "/srv/"]
# want CopySourceNotFound "\"go.mod/x\" is not in"
COPY go.mod/x /srv/
RUN go build -o /out/app ./app
