FROM "registry.example.com/team/base:1.0" AS "quoted"
FROM quoted AS copy
COPY --from=quoted /a#b "/c<d>" '/e"f\g' /dst/
FROM
COPY --from= /x /y
COPY --from=9 /x /y
