#!/usr/bin/env bash
# Starts Debian's redis-server for the tests: loopback only, no persistence, config on the command line.
# Usage: scripts/services/redis-start.sh DATA_DIR   (env: REDIS_PORT, default 16379; SKIP_INSTALL=1)
# Installs the package when missing, is idempotent, and prints the connection as REDIS_URL=...
set -euo pipefail
dir=${1:?usage: $0 DATA_DIR}
port=${REDIS_PORT:-16379}
mkdir -p "$dir" && dir=$(cd "$dir" && pwd)

if [ "${SKIP_INSTALL:-0}" != 1 ] && ! command -v redis-server >/dev/null 2>&1; then
  echo "[redis] installing redis-server from Debian" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server redis-tools >&2
fi

alive() { [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ]; }
if ! alive; then
  nohup redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes --save '' --appendonly no \
    --dir "$dir" --daemonize no --logfile "$dir/redis.log" --maxmemory 256mb --maxmemory-policy noeviction \
    </dev/null >/dev/null 2>&1 &
  echo $! >"$dir/redis.pid"
  for _ in $(seq 1 200); do
    alive && break
    kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null || { echo "[redis] exited at start: see $dir/redis.log" >&2; exit 1; }
    sleep 0.05
  done
  alive || { echo "[redis] did not answer PING within 10 s: see $dir/redis.log" >&2; exit 1; }
fi
echo "REDIS_URL=redis://127.0.0.1:$port"
