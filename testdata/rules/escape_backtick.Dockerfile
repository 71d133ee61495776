# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build
RUN powershell -Command `
    Write-Host hello; `
    New-Item -ItemType Directory C:\out

# want UnusedStage:hint "stage \"unused\""
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS unused
RUN echo unused

FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
COPY --from=build `
     C:\out C:\app
