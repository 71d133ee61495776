# A base from a build argument without a default may set PIP_NO_CACHE_DIR.
ARG PYTHON_IMAGE
# want InvalidDefaultArgInFrom:hint "--build-arg PYTHON_IMAGE"
FROM ${PYTHON_IMAGE}
RUN pip install requests
USER nobody
CMD ["python", "-m", "app"]
