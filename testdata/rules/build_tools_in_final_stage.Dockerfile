# Compilers in a build stage are fine.
FROM debian:bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc make && rm -rf /var/lib/apt/lists/*
RUN make -C /src

FROM debian:bookworm-slim
COPY --from=build /src/tool /usr/local/bin/tool
RUN apt-get update && apt-get install -y --no-install-recommends \
# want BuildToolsInFinalStage:warning "^build tools in the final image: gcc, make, libssl-dev are installed here and never removed; install them in a build stage"
        gcc make=4.3-4.1 libssl-dev ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# Only git: it may be what the tool runs, so only information.
# want BuildToolsInFinalStage:information "^build-time packages in the final image: git; unless the application uses it at run time"
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
# Installed and purged in the same RUN, the official images' way: nothing stays.
RUN set -eux; \
	savedAptMark="$(apt-mark showmanual)"; \
	apt-get update; \
	apt-get install -y --no-install-recommends gcc libc6-dev; \
	make -C /usr/src/ext; \
	apt-mark auto '.*' > /dev/null; \
	apt-mark manual $savedAptMark; \
	apt-get purge -y --auto-remove; \
	rm -rf /var/lib/apt/lists/*
USER nobody
ENTRYPOINT ["tool"]
