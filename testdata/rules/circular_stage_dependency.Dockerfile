FROM alpine:3.20 AS a
# want CircularStageDependency:error "circular dependency between stages: a → b → a"
COPY --from=b /x /x

FROM alpine:3.20 AS b
COPY --from=a /y /y

FROM alpine:3.20 AS c
# want CircularStageDependency:error "stage c copies from itself"
COPY --from=c /z /z

FROM alpine:3.20
COPY --from=b /y /y
COPY --from=c /z /z
