FROM golang:1.22
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# cgo stays on: the binary links against glibc
RUN go build -o hello .
ENV PORT=8080
EXPOSE 8080
CMD ./hello --port $PORT
