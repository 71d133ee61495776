# The .dockerignore keeps out everything that should not ship.
FROM node:22-alpine
WORKDIR /app
COPY . .
USER node
CMD ["node", "src/index.js"]
