FROM node:20
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
# dev dependencies are needed to compile TypeScript
RUN npm ci --include=dev
COPY src ./src
RUN npm run build
EXPOSE 4000
USER node
CMD ["node", "dist/index.js"]
