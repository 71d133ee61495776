FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY src ./src
# want SingleStageBuild "single-stage build: `npm run build`"
RUN npm run build && npm prune --omit=dev
USER node
CMD ["node", "dist/index.js"]
