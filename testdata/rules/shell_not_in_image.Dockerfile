FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /out/app .

# Distroless images ship no shell: a shell-form RUN fails the build.
# want UnusedStage:hint "not used by the final stage"
FROM gcr.io/distroless/static-debian12:nonroot AS distroless
COPY --from=build /out/app /app
# want ShellNotInImage:error "RUN in shell form runs /bin/sh -c, and stage distroless has no shell"
RUN chmod +x /app
# Exec form needs no shell.
RUN ["/app", "--self-test"]
# A shell laid over /bin by a mount for this RUN only.
RUN --mount=type=bind,from=busybox:1.36,source=/bin,target=/bin mkdir -p /data
ENTRYPOINT ["/app"]

# Their :debug tags carry busybox.
# want UnusedStage:hint "not used by the final stage"
FROM gcr.io/distroless/static-debian12:debug AS debug
RUN mkdir -p /data

# A shell copied in counts.
# want UnusedStage:hint "not used by the final stage"
FROM scratch AS withshell
COPY --from=busybox:1.36 /bin/busybox /bin/sh
RUN echo ok

# The SHELL in effect is the one looked for.
# want UnusedStage:hint "not used by the final stage"
FROM gcr.io/distroless/base-debian12 AS custom
COPY --from=busybox:1.36 /bin/busybox /busybox/sh
SHELL ["/busybox/sh", "-c"]
RUN echo ok

# In the final stage, a shell-form CMD keeps the container from starting;
# plain words are written in exec form by the fix.
FROM scratch
COPY --from=build /out/app /app
USER 65532
# want ShellNotInImage:error "CMD in shell form starts /bin/sh -c, and the image has no shell \\(scratch\\)"
CMD /app --serve --port=8080
