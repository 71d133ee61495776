FROM golang:1.23
WORKDIR /src/svc
# the module and its sources at once
COPY . .
RUN go mod download
RUN CGO_ENABLED=0 go build -o /usr/local/bin/svc ./cmd/svc
EXPOSE 9000
ENTRYPOINT ["/usr/local/bin/svc"]
