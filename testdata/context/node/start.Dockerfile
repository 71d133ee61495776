# `npm start` runs node: the devDependencies are dead weight.
FROM node:20-slim
WORKDIR /app
COPY package.json ./
# want DevDependenciesInFinalStage:warning "--omit=dev"
RUN npm ci
COPY server.js ./
USER node
CMD ["npm", "start"]
