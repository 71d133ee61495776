# BuildKit resolves a duplicated name to the later stage, so this one is unused.
# want UnusedStage:hint "stage \"build\" is not used by the final stage \\(#3, line 14\\)"
FROM alpine:3.20 AS build
RUN echo one

# want DuplicateStageName:warning "stage name \"build\" is already taken by stage 0; BuildKit resolves the name to the later stage" StageNameCasing:warning "Stage name 'Build' should be lowercase"
FROM alpine:3.20 AS Build
RUN echo two

# want ReservedStageName:warning "\"scratch\" is a reserved word in BuildKit \\(the empty image\\)"
FROM alpine:3.20 AS scratch
RUN echo three

FROM alpine:3.20
# want CopyFromMissingPath "stage build never produces /a"
COPY --from=build /a /a
# want CopyFromMissingPath "stage build never produces /a"
COPY --from=1 /a /b
# want CopyFromMissingPath "stage scratch never produces /a"
COPY --from=2 /a /c
