# Java bytecode and JavaScript bundles are the same on every platform: the
# flag alone is enough.
# want EmulatedBuildStage `^stage jar \(mvn package\).*Java bytecode is the same on every platform`
FROM maven:3.9-eclipse-temurin-21 AS jar
WORKDIR /src
COPY . .
RUN mvn -B package

# want EmulatedBuildStage `^stage web \(npm run build\).*a JavaScript bundle is the same on every platform`
FROM node:20-alpine AS web
WORKDIR /web
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM --platform=$BUILDPLATFORM alpine:3.20 AS assets
COPY --from=web /web/dist /dist

FROM eclipse-temurin:21-jre
COPY --from=jar /src/target/app.jar /app.jar
COPY --from=assets /dist /srv/static
USER nobody
ENTRYPOINT ["java", "-jar", "/app.jar"]
