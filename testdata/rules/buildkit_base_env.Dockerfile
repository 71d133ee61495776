# Variables that well-known base images define (images.Env): BuildKit sees
# them through the offline resolver, so none is reported, and
# `WORKDIR "${HOME}"` is absolute where the image sets HOME. A typo on a
# known base is still reported.
FROM quay.io/jupyter/scipy-notebook:2024-12-02 AS notebook
USER root
COPY --chown=${NB_UID}:${NB_GID} environment.yml "${CONDA_DIR}/environment.yml"
ENV NOTEBOOKS="/home/${NB_USER}/work"
USER ${NB_UID}
WORKDIR "${HOME}"

FROM jupyter/pyspark-notebook:spark-3.5.0 AS spark
ENV SPARK_CONF="$SPARK_HOME/conf" ENVS="$CONDA_DIR/envs"
# want UndefinedVar:warning "Usage of undefined variable '\\$CONDA_DRI' \\(did you mean \\$CONDA_DIR\\?\\)"
ENV PKGS="$CONDA_DRI/pkgs"

FROM nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04 AS cuda
ENV LD_LIBRARY_PATH=/opt/lib:${LD_LIBRARY_PATH} CUDA=${CUDA_VERSION} NCCL=$NCCL_VERSION
ENV CUDNN="$NV_CUDNN_VERSION" STUBS="$LIBRARY_PATH"

FROM php:8.3-fpm-alpine AS php
ENV CFLAGS="$PHP_CFLAGS" INI="$PHP_INI_DIR/php.ini"

FROM mcr.microsoft.com/dotnet/aspnet:8.0
COPY --from=notebook /etc/hostname /a
COPY --from=spark /etc/hostname /b
COPY --from=cuda /etc/hostname /c
COPY --from=php /etc/hostname /d
USER $APP_UID
# want UndefinedVar:warning "Usage of undefined variable '\\$GOPATH'"
WORKDIR $GOPATH/src
ENTRYPOINT ["/app"]
