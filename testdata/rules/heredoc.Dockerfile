# syntax=docker/dockerfile:1
FROM alpine:3.20 AS build
# A heredoc body that looks like instructions must not be read as them.
RUN <<EOF
FROM scratch AS fake
COPY --from=nowhere /a /b
echo built > /out.txt
EOF
COPY <<-CONF /etc/app.conf
	key=value
	CONF

FROM alpine:3.20
COPY --from=build /out.txt /out.txt
# want UnknownStage "did you mean \"build\""
COPY --from=buidl /out.txt /out2.txt
