# node 14 ships npm 6, which ignores --omit=dev; the image starts an npm
# script that nobody here can read, so it is information without a fix.
FROM node:14-alpine
WORKDIR /app
COPY package.json package-lock.json ./
# want DevDependenciesInFinalStage:information "unless the `start` script the image starts needs them, install with `npm ci --production`"
RUN npm ci
COPY server.js ./
USER node
CMD ["npm", "start"]
