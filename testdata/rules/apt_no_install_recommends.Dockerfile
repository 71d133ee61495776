# Recommends in a build stage do not reach the final image.
FROM debian:bookworm-slim AS build
RUN apt-get update && apt-get install -y ca-certificates && rm -rf /var/lib/apt/lists/*

FROM debian:bookworm-slim
COPY --from=build /etc/ssl/certs /etc/ssl/certs
# want AptNoInstallRecommends:information "^apt-get install without --no-install-recommends also installs the recommended packages"
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
# Options before the subcommand, and apt rather than apt-get.
# want AptNoInstallRecommends "^apt-get install without"
RUN apt-get update && apt-get -y -q install wget && rm -rf /var/lib/apt/lists/*
# want AptNoInstallRecommends "^apt install without"
RUN apt update && apt install -y jq && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y --no-install-recommends less && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install --install-recommends -y man-db && rm -rf /var/lib/apt/lists/*
RUN apt-get install -s nano
USER nobody
ENTRYPOINT ["curl"]
