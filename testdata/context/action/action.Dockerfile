# A GitHub container action: the action.yml beside it says so, and GitHub
# runs it as root (the workspace it mounts is root's), so no USER is asked.
FROM alpine:3.20
COPY greet.sh /greet.sh
ENTRYPOINT ["/greet.sh"]
