ARG BASE=build
FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM alpine:3.20
# want VariableInCopyFrom:error "COPY --from=\\$\\{BASE\\} will fail"
COPY --from=${BASE} /out/app /app
# Variables in mount options are expanded by BuildKit: fine.
ARG BASE
RUN --mount=type=bind,from=${BASE},target=/b true
