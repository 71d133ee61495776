# Taken from a real Dockerfile: the stage was renamed, the reference was not.
# want UnusedStage:hint "stage \"base\" is not used"
FROM alpine:3.20 AS base
# want UnusedStage:hint "stage \"license-set\" is not used"
FROM base AS license-set
RUN echo MIT > /out

FROM scratch AS license-update
# want UnknownStage:warning "did you mean \"license-set\""
COPY --from=set /out /
