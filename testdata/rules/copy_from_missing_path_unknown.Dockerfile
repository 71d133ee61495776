# Stages whose facts are not complete, or whose base is not known, stay quiet.
FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN ./scripts/build.sh
RUN go build -o /out/api .

FROM example.com/team/builder:1 AS custom
RUN go build -o /out/tool .

FROM node:20 AS web
WORKDIR /web
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM alpine:3.20 AS archive
ADD release.tar.gz /release/
RUN find /release -name '*.so' -exec cp {} /data/ \;

FROM scratch
USER 65532
COPY --from=build /app/api /api
COPY --from=custom /app/tool /tool
COPY --from=web /web/public/build /www
COPY --from=archive /release/bin/app /app
COPY --from=archive /data/libx.so /libx.so
ENTRYPOINT ["/api"]
