FROM maven:3.9-amazoncorretto-21
WORKDIR /build
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY src ./src
RUN ./mvnw -B package \
      -DskipTests \
      -Dmaven.javadoc.skip=true
EXPOSE 8080
CMD java $JAVA_OPTS -jar target/*.jar
