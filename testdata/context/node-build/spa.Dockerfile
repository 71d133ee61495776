# package.json runs `react-scripts build`, which writes build/: the
# build stage has no dist, whatever other projects call their output.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json ./
RUN npm install
COPY src ./src
RUN npm run build

FROM nginx:1.27-alpine
# want CopyFromMissingPath "^stage build never produces /app/dist, .*; it produces /app/build \\(npm run build\\)"
COPY --from=build /app/dist /usr/share/nginx/html
COPY --from=build /app/build /usr/share/nginx/html
# npm install wrote node_modules and the lockfile: quiet.
COPY --from=build /app/node_modules /srv/node_modules
COPY --from=build /app/package-lock.json /srv/
