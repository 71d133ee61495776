# check=skip=FromAsCasing,LegacyKeyValueFormat
# Skipped checks stay silent; the others still run.
FROM alpine:3.20 as build
ENV MODE release
# want JSONArgsRecommended:warning "JSON arguments recommended for CMD"
CMD echo $MODE
USER nobody
