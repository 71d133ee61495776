# path: images/maven-build.Dockerfile
# A build tool's image: the file name and the program say so.
FROM maven:3.9-eclipse-temurin-21
COPY settings.xml /root/.m2/settings.xml
CMD ["mvn"]
