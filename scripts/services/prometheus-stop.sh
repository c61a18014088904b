#!/usr/bin/env bash
# Stops the Prometheus that prometheus-start.sh started for DATA_DIR (its pid file only). `--purge` removes DATA_DIR.
set -euo pipefail
dir=${1:?usage: $0 DATA_DIR [--purge]}
[ -d "$dir" ] || exit 0
dir=$(cd "$dir" && pwd)
if [ -f "$dir/prometheus.pid" ]; then
  pid=$(cat "$dir/prometheus.pid")
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$dir/prometheus.yml"; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    ! kill -0 "$pid" 2>/dev/null || kill -KILL "$pid"
  fi
  rm -f "$dir/prometheus.pid"
fi
[ "${2:-}" != --purge ] || rm -rf "$dir"
