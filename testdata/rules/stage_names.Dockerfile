FROM alpine:3.20 AS build
RUN echo one

# want DuplicateStageName:error "stage name \"build\" is already taken by stage 0" StageNameCasing:warning "Stage name 'Build' should be lowercase"
FROM alpine:3.20 AS Build
RUN echo two

# want ReservedStageName:error "\"scratch\" is a reserved word"
FROM alpine:3.20 AS scratch
RUN echo three

FROM alpine:3.20
COPY --from=build /a /a
COPY --from=1 /a /b
COPY --from=2 /a /c
