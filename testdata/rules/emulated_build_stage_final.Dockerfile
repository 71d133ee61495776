# A stage the final stage is built on runs on the target on purpose, and a
# stage already on $BUILDPLATFORM is fine.
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .

# want FinalStageBuildImage "golang"
FROM golang:1.22-alpine AS base
WORKDIR /src
# want SourceCopiedIntoFinalStage "whole build context"
COPY . .
RUN go build -o /usr/local/bin/helper ./cmd/helper

FROM base
COPY --from=build /out/app /usr/local/bin/app
USER nobody
ENTRYPOINT ["app"]
