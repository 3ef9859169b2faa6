# syntax=docker/dockerfile:1
ARG GO_VERSION=1.19
FROM golang:${GO_VERSION} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server

FROM golang:1.19.2-alpine
RUN apk add --no-cache curl
COPY --from=build /out/server /usr/local/bin/server
HEALTHCHECK --interval=30s --timeout=3s \
  CMD curl -f http://localhost:8080/health || exit 1
USER nobody
