# grafana/k6 ends with a non-root USER of its own (images' dated table).
FROM grafana/k6:0.52.0
COPY script.js /scripts/script.js
ENTRYPOINT ["k6", "run", "/scripts/script.js"]
