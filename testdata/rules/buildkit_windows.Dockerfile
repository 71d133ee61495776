# escape=`
# A Windows file is linted for a Windows target: C:\ paths are absolute.
FROM mcr.microsoft.com/windows/servercore:ltsc2022
WORKDIR C:\app
# want LegacyKeyValueFormat:warning "ENV key=value"
ENV APP_HOME C:\app
COPY app.exe C:\app\
USER ContainerUser
ENTRYPOINT ["C:\\app\\app.exe"]
