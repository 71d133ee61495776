# A FROM that only needs a --build-arg is not a broken file: BuildKit's hard
# error becomes a hint, and the checks after it still run.
ARG BASE_IMAGE
ARG GO_VERSION

# want InvalidDefaultArgInFrom:hint "this FROM needs --build-arg GO_VERSION=…"
FROM golang:${GO_VERSION}-alpine AS build
RUN go build -o /out/app .

# want InvalidDefaultArgInFrom:hint "this FROM needs --build-arg BASE_IMAGE=…: build argument BASE_IMAGE has no default"
FROM ${BASE_IMAGE}
COPY --from=build /out/app /app
# want LegacyKeyValueFormat:warning "ENV key=value"
ENV MODE release
USER nobody
ENTRYPOINT ["/app"]
