# A pass-through entrypoint and no CMD: an image to extend.
FROM debian:bookworm-slim
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
