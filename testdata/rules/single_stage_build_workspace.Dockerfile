# An npm workspace app: its node_modules link into the workspace root, so
# the split is not offered and SingleStageBuild, which points to it, stays
# quiet on the tsc run.
# want FinalStageBuildImage:hint "node:20-slim"
FROM node:20
WORKDIR /app
# want CacheBustingCopy:information "npm ci"
COPY . .
# want DevDependenciesInFinalStage:warning "--omit=dev"
RUN npm ci -w api && npx tsc -p apps/api
USER node
CMD ["node", "apps/api/dist/main.js"]
