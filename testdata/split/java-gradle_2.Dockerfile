FROM eclipse-temurin:17-jdk-jammy
WORKDIR /opt/app
COPY . .
RUN ./gradlew --no-daemon installDist
EXPOSE 9000
ENTRYPOINT ["/opt/app/build/install/app/bin/app"]
