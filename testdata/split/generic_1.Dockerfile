FROM swift:5.10
WORKDIR /build
COPY . .
RUN swift build -c release --static-swift-stdlib
EXPOSE 8080
CMD [".build/release/App", "serve", "--hostname", "0.0.0.0"]
