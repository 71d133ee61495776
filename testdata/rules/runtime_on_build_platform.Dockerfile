# The runtime stage is pinned to the build machine (nginx-aspnet-mysql's
# backend): every image gets the build machine's architecture.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:8.0 AS build
ARG TARGETARCH
WORKDIR /src
COPY . .
RUN dotnet publish -a $TARGETARCH -c Release -o /app

# want RuntimeOnBuildPlatform:warning `^the final stage runs on the build machine's platform \(--platform=\$BUILDPLATFORM\): an image built for another platform`
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY --from=build /app .
USER app
ENTRYPOINT ["dotnet", "api.dll"]
