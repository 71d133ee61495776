FROM python:3.12
WORKDIR /srv
COPY . .
# the service's pinned dependencies
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 8000
CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]
