FROM node:22-alpine AS build
WORKDIR /app
# want ContextNotIgnored `\.env .*deploy/server\.pem` CacheBustingCopy "before `npm ci`"
COPY . .
RUN npm ci && npm run build

FROM node:22-alpine
WORKDIR /app
# want SecretCopiedToFinalStage `COPY \. puts \.env \(an environment file with secrets\), deploy/server\.pem \(a private key or certificate\) into the final image` ContextNotIgnored `sends 6 files .*: \.git .*node_modules` SourceCopiedIntoFinalStage:hint "whole build context"
COPY . .
COPY --from=build /app/dist ./dist
USER node
CMD ["node", "dist/index.js"]
