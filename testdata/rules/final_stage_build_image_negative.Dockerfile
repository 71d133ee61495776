# Toolchains only in build stages, a JRE and a slim image in the final image:
# nothing to report.
FROM maven:3.9.6-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
RUN mvn -B dependency:go-offline
COPY src ./src
RUN mvn -B package

FROM python:3.12-slim AS docs
RUN python -c "print('docs')" > /docs.txt

FROM eclipse-temurin:17-jre
COPY --from=build /src/target/app.jar /app.jar
COPY --from=docs /docs.txt /docs.txt
USER 1000
ENTRYPOINT ["java", "-jar", "/app.jar"]
