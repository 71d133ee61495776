# An Alpine JDK that only runs a downloaded program: switch the base to the
# Alpine JRE.
# want FinalStageBuildImage:warning "^the final image is based on eclipse-temurin:17-jdk-alpine .*but nothing here builds.*switch the base to eclipse-temurin:17-jre-alpine \\(about"
FROM eclipse-temurin:17-jdk-alpine
RUN wget -q -O /opt/server.jar https://example.com/server.jar
USER nobody
ENTRYPOINT ["java", "-jar", "/opt/server.jar"]
