#!/usr/bin/env bash
# Stops the redis-server that redis-start.sh started for DATA_DIR (its pid file only). `--purge` removes DATA_DIR.
set -euo pipefail
dir=${1:?usage: $0 DATA_DIR [--purge]}
[ -d "$dir" ] || exit 0
if [ -f "$dir/redis.pid" ]; then
  pid=$(cat "$dir/redis.pid")
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q '^redis-server'; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    ! kill -0 "$pid" 2>/dev/null || kill -KILL "$pid"
  fi
  rm -f "$dir/redis.pid"
fi
[ "${2:-}" != --purge ] || rm -rf "$dir"
