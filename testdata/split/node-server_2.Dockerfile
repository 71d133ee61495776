ARG NODE_VERSION=20.11
FROM node:${NODE_VERSION}
WORKDIR /srv/app
COPY package.json pnpm-lock.yaml ./
RUN corepack enable \
 && pnpm install --frozen-lockfile
COPY . .
RUN pnpm run build:server
ENV PORT=3000
EXPOSE ${PORT}
CMD ["node", "build/server.js"]
