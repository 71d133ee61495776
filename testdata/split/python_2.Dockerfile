# syntax=docker/dockerfile:1
ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSION}-bookworm
WORKDIR /app
COPY requirements.txt .
RUN <<EOF
pip install --no-cache-dir -r requirements.txt
pip install --no-cache-dir uvicorn[standard]
EOF
COPY app ./app
EXPOSE 8000
HEALTHCHECK CMD curl -fsS http://localhost:8000/health || exit 1
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
