FROM python:3.12-alpine
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
    && pip install --no-cache-dir uwsgi \
    && apk del .build-deps
RUN apk add --no-cache curl=8.5.0-r0 wget>=1.21
RUN apk del wget
