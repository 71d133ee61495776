# want FinalStageRunsAsRoot:information "^the final image runs as root: neither this stage nor the stages it is built on set USER; the node images have a `node` user$"
FROM node:20-slim
WORKDIR /app
COPY server.js ./
CMD ["node", "server.js"]
