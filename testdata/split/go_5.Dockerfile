FROM golang:1.22-alpine
WORKDIR /src
COPY . .
RUN go build -o /bin/svc .

# ---- run-time settings ----

EXPOSE 9090

# Start the service.
ENTRYPOINT ["/bin/svc"]
# end of file