FROM alpine:3.20
# A virtual package removed in the same RUN leaves nothing behind.
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
 && make -C /usr/src/ext install \
 && apk del .build-deps
# want BuildToolsInFinalStage:warning "build tools in the final image: build-base, python3-dev are installed"
RUN apk add --no-cache build-base python3-dev py3-pip
# sudo and sh -c are seen through.
# want BuildToolsInFinalStage:warning "build tools in the final image: cmake is installed"
RUN sudo sh -c 'apk add --no-cache cmake'
USER nobody
CMD ["python3", "-m", "app"]
