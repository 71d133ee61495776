FROM node:18-bullseye
WORKDIR /home/node/app
COPY package.json package-lock.json ./
RUN npm install
RUN npm install -g pm2
COPY . .
EXPOSE 3000
CMD ["pm2-runtime", "server.js"]
