# path: e2e/fixtures/git-server/Dockerfile
# A test fixture's image under e2e/.
FROM alpine:3.20
RUN apk add --no-cache git make
CMD ["git", "daemon", "--reuseaddr", "--base-path=/srv", "/srv"]
