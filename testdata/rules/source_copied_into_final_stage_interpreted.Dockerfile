# For an interpreted app the sources are what runs: only a hint.
FROM python:3.12-slim AS wheels
WORKDIR /src
COPY requirements.txt ./
RUN pip wheel --no-cache-dir -r requirements.txt -w /wheels

FROM python:3.12-slim
COPY --from=wheels /wheels /wheels
RUN pip install --no-cache-dir /wheels/*
WORKDIR /app
# want SourceCopiedIntoFinalStage:hint "copies the whole build context into the final image; the app's sources are needed here"
COPY . .
USER nobody
CMD ["python", "-m", "app"]
