# package.json has no devDependencies: nothing to omit.
FROM node:20-slim
WORKDIR /app
COPY package.json ./
RUN npm ci
COPY server.js ./
USER node
CMD ["npm", "start"]
