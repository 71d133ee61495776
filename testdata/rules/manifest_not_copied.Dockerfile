FROM python:3.12-slim AS py
WORKDIR /app
# want ManifestNotCopied:warning "^`pip install -r requirements\\.txt` runs in /app before requirements\\.txt is there: no COPY, ADD or bind mount has put it into the image yet; COPY requirements\\.txt \\./ first$"
RUN pip install --no-cache-dir -r requirements.txt
COPY . .

FROM node:20 AS web
WORKDIR /usr/src/app
# want ManifestNotCopied "`npm ci` runs in /usr/src/app before package\\.json"
RUN npm ci
COPY . .
RUN npm run build

FROM golang:1.23 AS go
WORKDIR /src
COPY main.go ./
# want ManifestNotCopied "`go mod download`"
RUN go mod download
COPY go.mod go.sum ./

FROM golang:1.23 AS build
# want ManifestNotCopied "`go mod download` runs in /go"
RUN go mod download

FROM scratch
COPY --from=py /app /app
COPY --from=web /usr/src/app/dist /www
COPY --from=go /src /go-src
COPY --from=build /go /gopath
