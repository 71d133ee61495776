# Taken from a real Dockerfile: the stage was renamed, the reference was not.
# want UnusedStage:hint "stage \"base\" is not used"
FROM alpine:3.20 AS base
# want UnusedStage:hint "stage \"license-set\" is not used"
FROM base AS license-set
RUN echo MIT > /out

# "test" is one edit from "set", but the shortened name is the better clue.
# want UnusedStage:hint "stage \"test\" is not used"
FROM base AS test
RUN true

FROM scratch AS license-update
# want UnknownStage:warning "did you mean \"license-set\""
COPY --from=set /out /
