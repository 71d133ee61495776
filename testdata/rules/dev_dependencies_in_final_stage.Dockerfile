# Dev dependencies in the build stage are what it needs.
FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json yarn.lock ./
# want DevDependenciesInFinalStage:warning "^`npm ci` installs devDependencies into the final image; install with `npm ci --omit=dev` here"
RUN npm ci
# want DevDependenciesInFinalStage "^`yarn install` installs devDependencies .*`yarn install --production`"
RUN yarn install --frozen-lockfile
# want DevDependenciesInFinalStage "^`yarn` installs devDependencies"
RUN yarn
RUN NODE_ENV=production npm install
RUN npm install -g serve
RUN npm install express
RUN yarn --version
COPY --from=build /app/dist ./dist
USER node
CMD ["node", "dist/index.js"]
