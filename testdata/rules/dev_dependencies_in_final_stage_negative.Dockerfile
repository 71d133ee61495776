# NODE_ENV=production, a later prune, or production-only flags: no dev
# dependencies stay in the image.
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json pnpm-lock.yaml ./
RUN npm ci
RUN pnpm install --prod
RUN npm install --omit=dev
USER node
CMD ["node", "index.js"]
