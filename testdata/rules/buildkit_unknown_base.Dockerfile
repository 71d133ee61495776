# A variable the base image may set: the image is not one whose config is
# known offline, so UndefinedVar is only a hint. On a known image it warns.
FROM registry.example.com/team/base:1.0 AS app
# want UndefinedVar:hint "Usage of undefined variable '\\$APP_HOME' — unless the base image registry.example.com/team/base:1.0 sets it"
WORKDIR $APP_HOME
USER app

FROM alpine:3.20
COPY --from=app /etc/app /etc/app
# want UndefinedVar:warning "Usage of undefined variable '\\$APP_HOME'$"
WORKDIR $APP_HOME/data
USER nobody
