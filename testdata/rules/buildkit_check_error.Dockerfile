# check=error=true
# With error=true BuildKit fails the build on any check: its warnings are errors.
# want FromAsCasing:error "'as' and 'FROM' keywords' casing do not match"
FROM alpine:3.20 as build
# want LegacyKeyValueFormat:error "ENV key=value"
ENV MODE release
USER nobody
