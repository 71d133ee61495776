# A variable the base image may set: the image is not one whose config is
# known offline, so BuildKit's UndefinedVar is dropped, and so is the
# WorkdirRelativePath that follows from it. On a known image both stay.
ARG BASE=alpine:3.20
ARG ALPINE_VERSION=3.20

FROM registry.example.com/team/base:1.0 AS app
WORKDIR $APP_HOME
ENV CONDA_ENV="$CONDA_DIR/env"
USER app

# A stage built on it inherits the unknown environment.
FROM app AS plugin
WORKDIR "${HOME}"
USER ${NB_UID}

# A base that a build argument selects may be any image, whatever the
# default says.
FROM ${BASE} AS selected
ENV LD=$LD_LIBRARY_PATH

# A build argument in the tag alone keeps the image known.
FROM alpine:${ALPINE_VERSION} AS tagged
# want UndefinedVar:warning "Usage of undefined variable '\\$LD_LIBRRAY_PATH'$"
ENV LD=$LD_LIBRRAY_PATH

FROM alpine:3.20
COPY --from=app /etc/app /etc/app
COPY --from=plugin /etc/app /etc/plugin
COPY --from=selected /etc/app /etc/selected
COPY --from=tagged /etc/app /etc/tagged
# want UndefinedVar:warning "Usage of undefined variable '\\$APP_HOME'$"
WORKDIR $APP_HOME/data
# want UndefinedVar:warning "Usage of undefined variable '\\$HOME'$"
WORKDIR "${HOME}"
USER nobody
