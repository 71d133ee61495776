FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

# A static binary on scratch still runs as uid 0: reported, with a numeric
# USER as the fix (scratch has no /etc/passwd).
# want FinalStageRunsAsRoot "a static binary on scratch still runs as uid 0"
FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
