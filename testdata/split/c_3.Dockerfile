FROM alpine:3.19
RUN apk add --no-cache build-base
WORKDIR /src
COPY hello.c .
RUN gcc -O2 -static -o /usr/local/bin/hello hello.c
ENTRYPOINT ["hello"]
