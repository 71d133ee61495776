# A JDK in a build stage is fine; the final image on the full node image gets
# a hint and a quick fix to the slim variant.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B package

# want FinalStageBuildImage:hint `^the final image is based on node:20 \(Node\.js with a full Debian build environment, about 390 MB compressed; an estimate\); node:20-slim \(about 70 MB\) runs the same code .*nginx:alpine$`
FROM node:20
WORKDIR /app
COPY --from=build /src/target/site /app/site
COPY server.js ./
USER node
CMD ["node", "server.js"]
