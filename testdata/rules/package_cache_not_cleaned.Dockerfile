# Caches in a build stage never reach the final image.
FROM debian:bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc

FROM python:3.12-slim
COPY --from=build /etc/os-release /build-release
# want PackageCacheNotCleaned:warning "^apt-get update downloads package lists \\(tens of MB\\) that stay in this layer; remove them in the same RUN with `rm -rf /var/lib/apt/lists/\\*`$"
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y --no-install-recommends less && apt-get dist-clean
# A cache mount keeps the lists out of the image (hadolint's lesson).
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends file
# The fix goes inside the sh -c string.
# want PackageCacheNotCleaned "apt-get update downloads package lists"
RUN sh -c "apt-get update && apt-get install -y --no-install-recommends wget"
# In a heredoc the fix is a new line before the terminator.
RUN <<EOF
set -e
# want PackageCacheNotCleaned "apt-get update downloads package lists"
apt-get update
apt-get install -y --no-install-recommends vim
EOF
# want PackageCacheNotCleaned:warning "^pip install keeps downloaded wheels in ~/\\.cache/pip; use `pip install --no-cache-dir`"
RUN pip install flask
# want PackageCacheNotCleaned "pip install keeps downloaded wheels"
RUN python3 -m pip install -U gunicorn
RUN pip install --no-cache-dir requests
RUN --mount=type=cache,target=/root/.cache/pip pip install uvicorn
RUN PIP_NO_CACHE_DIR=1 pip install httpx
ENV PIP_NO_CACHE_DIR=1
RUN pip install rich
# Exec form has no shell to append to: reported without a fix.
# want PackageCacheNotCleaned "apt-get update"
RUN ["apt-get", "update"]
USER nobody
CMD ["python", "-m", "app"]
