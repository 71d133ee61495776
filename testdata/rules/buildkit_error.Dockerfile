# BuildKit stops at its first hard error; it is shown as an Error and the
# project's own rules keep running around it.
FROM alpine:3.20 AS build
# want UnknownStage "bulid"
COPY --from=bulid /a /b

FROM alpine:3.20
COPY --from=build /b /b
# want BuildKitError:error "unknown instruction: RUNN \\(did you mean RUN\\?\\)"
RUNN echo typo
USER nobody
