FROM node:22-alpine
WORKDIR /app
# want ContextNotIgnored `COPY \. sends 8 files \(.* B\) that should never reach an image and that no \.dockerignore excludes: \.env \(27 B\), \.git \(2 files, .*\), deploy/server\.pem \(15 B\), node_modules \(1 file, .*\), py/\.venv \(1 file, 16 B\), py/__pycache__ \(1 file, 4 B\), and 1 more`
COPY . .
COPY node_modules ./node_modules
# want ContextNotIgnored `COPY rust/ sends 1 file \(9 B\) .*: rust/target \(1 file, 9 B\)$`
COPY rust/ ./rust/
COPY src/ ./src/
USER node
CMD ["node", "src/index.js"]
