# BuildKit's own checks, run in-process: one of each that needs no build
# context, each narrowed to the word it is about (see analysis/buildkit).
ARG ALPINE_VERSION=3.20

# want FromAsCasing:warning "'as' and 'FROM' keywords' casing do not match"
FROM alpine:${ALPINE_VERSION} as build
# want ConsistentInstructionCasing:warning "Command 'run' should match the case of the command majority \\(uppercase\\)"
run echo build > /out
# want LegacyKeyValueFormat:warning "\"ENV key=value\" should be used instead of legacy \"ENV key value\" format"
ENV MODE release
# want WorkdirRelativePath:warning "Relative workdir \"src\" can have unexpected results"
WORKDIR src
# want UndefinedVar:warning "Usage of undefined variable '\\$MODEL' \\(did you mean \\$MODE\\?\\)"
ENV BIN=/usr/local/bin/$MODEL
RUN echo a \
# want NoEmptyContinuation:warning "Empty continuation line"
    && echo b \

    && echo c

# want StageNameCasing:warning "Stage name 'Test' should be lowercase" UnusedStage:hint "stage \"test\""
FROM build AS Test
# want MaintainerDeprecated:warning "Maintainer instruction is deprecated"
MAINTAINER someone@example.com
# want UndefinedArgInFrom:warning "FROM argument 'VARIANT' is not declared" RedundantTargetPlatform:warning "Setting platform to predefined \\$TARGETPLATFORM"
FROM --platform=$TARGETPLATFORM alpine:3.20${VARIANT} AS runtime
# want SecretsUsedInArgOrEnv:warning "Do not use ARG or ENV instructions for sensitive data \\(ARG \"API_TOKEN\"\\)"
ARG API_TOKEN
COPY --from=build /out /out
# want ExposeProtoCasing:warning "Defined protocol '8080/TCP' in EXPOSE instruction should be lowercase"
EXPOSE 8080/TCP
# want ExposeInvalidFormat:warning "EXPOSE instruction should not define an IP address or host-port mapping, found '80:80'"
EXPOSE 80:80
USER nobody
# want MultipleInstructionsDisallowed:warning "Multiple CMD instructions should not be used in the same stage"
CMD ["first"]
# want JSONArgsRecommended:warning "JSON arguments recommended for CMD"
CMD /out
