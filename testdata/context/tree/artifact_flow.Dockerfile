# With the build context known, a COPY of a context folder holds only what
# the folder holds.
FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./app

FROM python:3.12-slim AS py
WORKDIR /srv/py
COPY app/ ./
# want ManifestNotCopied "^`pip install -r requirements\\.txt` runs in /srv/py before requirements\\.txt is there"
RUN pip install -r requirements.txt

FROM gcr.io/distroless/static-debian12:nonroot
# want CopyFromMissingPath "^stage build never produces /src/api, .*; it produces /out/api \\(go build\\)"
COPY --from=build /src/api /api
# The context holds app/main.go and static/: quiet.
COPY --from=build /src/app/main.go /main.go
COPY --from=build /src/static /static
# .dockerignore keeps docs/ out of the context.
# want CopyFromMissingPath "^stage build never produces /src/docs"
COPY --from=build /src/docs /docs
COPY --from=py /srv/py /py
COPY --from=build /out/api /srv/api
ENTRYPOINT ["/srv/api"]
