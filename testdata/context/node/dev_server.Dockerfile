# The image runs `npm run dev`, whose script needs nodemon, a
# devDependency: omitting them would break it.
FROM node:20-slim
WORKDIR /app
COPY package.json ./
RUN npm ci
COPY server.js ./
USER node
CMD ["npm", "run", "dev"]
