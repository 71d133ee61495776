ARG JAVA_VERSION=17
FROM maven:3.9-eclipse-temurin-${JAVA_VERSION}
WORKDIR /workspace
# Resolve dependencies once.
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/workspace/target/demo-0.0.1-SNAPSHOT.jar"]
