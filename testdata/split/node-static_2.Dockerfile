from node:20-bookworm
workdir /app
copy package.json yarn.lock ./
run yarn install --frozen-lockfile
copy . .
env VITE_API_URL=https://api.example.com
run yarn build
expose 8080
cmd ["npx", "http-server", "dist", "-p", "8080"]
