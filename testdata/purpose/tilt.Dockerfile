# path: Dockerfile.tilt
# A Tilt development image: the toolchain is the point.
FROM golang:1.22
RUN apt-get update && apt-get install -y --no-install-recommends gcc make && rm -rf /var/lib/apt/lists/*
COPY . /src
WORKDIR /src
CMD ["go", "run", "./cmd/server"]
