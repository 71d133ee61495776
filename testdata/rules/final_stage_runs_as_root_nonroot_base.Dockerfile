# Base images that already run as non-root, and servers that drop privileges.
FROM gcr.io/distroless/static-debian12:nonroot AS a
COPY app /app
ENTRYPOINT ["/app"]

FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled AS b
COPY --from=a /app /app
ENTRYPOINT ["dotnet", "/app/web.dll"]

FROM nginx:1.27-alpine
COPY --from=b /app /usr/share/nginx/html
CMD ["nginx", "-g", "daemon off;"]
