# An image this tool does not know may set USER itself.
# want FinalStageRunsAsRoot:information "^the final image runs as root unless the base image example.com/team/runtime:2 sets USER"
FROM example.com/team/runtime:2
COPY serve /www/serve
CMD ["/www/serve"]
