# CRLF line endings and a continuation: the cleanup goes after the last word.
FROM debian:bookworm-slim
# want PackageCacheNotCleaned "apt-get update downloads package lists"
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      curl   
USER nobody
CMD ["curl"]
