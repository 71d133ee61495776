# Rust, C and .NET builds on the build platform that ignore the target.
FROM --platform=$BUILDPLATFORM rust:1.79 AS rust
WORKDIR /src
COPY . .
# want CrossCompileIgnoresTarget `^cargo build runs on the build machine.*pass --target`
RUN cargo build --release

FROM --platform=$BUILDPLATFORM gcc:13 AS c
WORKDIR /src
COPY . .
# want CrossCompileIgnoresTarget `^make runs on the build machine.*declare ARG TARGETARCH`
RUN make

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:8.0 AS dotnet
WORKDIR /src
COPY . .
# want CrossCompileIgnoresTarget `^dotnet publish runs on the build machine.*-a \$TARGETARCH`
RUN dotnet publish -r linux-x64 -c Release -o /app

FROM debian:bookworm-slim
COPY --from=rust /src/target/release/app /usr/local/bin/app
COPY --from=c /src/tool /usr/local/bin/tool
COPY --from=dotnet /app /app
USER nobody
ENTRYPOINT ["app"]
