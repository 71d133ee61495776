FROM node:20 AS build
WORKDIR /app
# want CacheBustingCopy:information "^COPY \\. copies the whole build context before `npm ci`, so any source change re-runs the install and re-downloads every dependency; COPY package\\.json package-lock\\.json \\./ first, run `npm ci`, then copy the rest$"
COPY . .
RUN npm ci
RUN npm run build

# Manifests first: the download stays cached.
FROM golang:1.22 AS go
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go mod download && CGO_ENABLED=0 go build -o /out/app .

FROM python:3.12-slim AS py
WORKDIR /app
# want CacheBustingCopy "before `pip install -r requirements\\.txt`.*COPY requirements\\.txt \\./ first"
ADD . .
RUN pip install --no-cache-dir -r requirements.txt

# With a cache mount, the re-run is cheap (hadolint's lesson).
FROM python:3.12-slim AS cached
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /app/dist /www
COPY --from=go /out/app /app
COPY --from=py /app /py
COPY --from=cached /app /cached
ENTRYPOINT ["/app"]
