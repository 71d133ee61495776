ARG DOTNET_VERSION=8.0
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}-alpine
WORKDIR /src
COPY . .
RUN dotnet publish Worker/Worker.csproj \
    --configuration Release \
    --output /out
# A background worker: no web server.
ENTRYPOINT ["dotnet", "/out/Worker.dll"]
