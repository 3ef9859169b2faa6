FROM debian:bookworm-slim
RUN <<EOF
set -eux
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl ca-certificates
rm -rf /var/lib/apt/lists/*
EOF
HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1
