# path: Dockerfile
# A git server over ssh: git is what it serves.
FROM alpine:3.20
RUN apk add --no-cache git openssh \
	&& adduser -D -s /usr/bin/git-shell git
USER git
ENTRYPOINT ["/usr/sbin/sshd", "-D"]
