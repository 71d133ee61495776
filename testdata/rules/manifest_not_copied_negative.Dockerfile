# The manifest is there, may be there, or the install needs none.
FROM python:3.12-slim AS py
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

FROM python:3.12-slim AS mounted
WORKDIR /app
RUN --mount=type=bind,source=requirements.txt,target=requirements.txt pip install -r requirements.txt

FROM node:20 AS parent
WORKDIR /app
COPY package.json package-lock.json ./
WORKDIR /app/packages/web
RUN npm ci

FROM node:20 AS prefixed
RUN npm ci --prefix /srv/app

FROM node:20 AS named
RUN npm install -g typescript

FROM golang:1.23 AS init
WORKDIR /src
RUN go mod init example.com/x && go mod download

FROM python:3.12-slim AS fetched
WORKDIR /app
RUN git clone https://example.com/app.git . && pip install -r requirements.txt

FROM example.com/team/python-base:1 AS custom
WORKDIR /app
RUN pip install -r requirements.txt

FROM python:3-onbuild AS onbuild
RUN pip install -r requirements.txt

FROM py AS child
RUN pip install -r requirements.txt

FROM python:3.12-slim AS unknown
WORKDIR /app
RUN ./fetch-sources.sh && pip install -r requirements.txt

FROM scratch
COPY --from=py /app /1
COPY --from=mounted /app /2
COPY --from=parent /app /3
COPY --from=prefixed /srv /4
COPY --from=named /usr /5
COPY --from=init /src /6
COPY --from=fetched /app /7
COPY --from=custom /app /8
COPY --from=onbuild /usr /9
COPY --from=child /app /10
COPY --from=unknown /app /11
