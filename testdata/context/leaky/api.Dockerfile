# api.Dockerfile.dockerignore excludes the bulky paths but forgets .env.
FROM node:22-alpine
WORKDIR /app
# want ContextNotIgnored `sends 1 file \(27 B\) .*: \.env \(27 B\)$`
COPY . .
USER node
CMD ["node", "src/index.js"]
