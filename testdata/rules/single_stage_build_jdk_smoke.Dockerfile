# The official JDK images' smoke test compiles nothing: no build to report.
FROM eclipse-temurin:17-jdk
RUN javac -version
CMD ["jshell"]
