# NGINX Unit starts as root and serves from unprivileged workers.
FROM unit:1.33.0-python3.12
COPY app /www
CMD ["unitd", "--no-daemon", "--control", "unix:/var/run/control.unit.sock"]
