#!/usr/bin/env bash
# Starts Debian's Prometheus for the tests: loopback only, TSDB under DATA_DIR, nothing scraped.
# Usage: scripts/services/prometheus-start.sh DATA_DIR
# Env: PROMETHEUS_PORT (default 19090), PROMETHEUS_BACKFILL (an OpenMetrics file imported with promtool
# before the start, so tests query days of history at once), SKIP_INSTALL=1.
# Installs the package when missing, is idempotent (restarts only to import a different backfill file),
# and prints the connection as PROMETHEUS_URL=...
set -euo pipefail
dir=${1:?usage: $0 DATA_DIR}
port=${PROMETHEUS_PORT:-19090}
mkdir -p "$dir" && dir=$(cd "$dir" && pwd)

if [ "${SKIP_INSTALL:-0}" != 1 ] && ! { command -v prometheus && command -v promtool && command -v curl; } >/dev/null 2>&1; then
  echo "[prometheus] installing prometheus from Debian" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus curl >&2
fi

ready() { curl -sf "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1; }
ours() { [ -f "$dir/prometheus.pid" ] && kill -0 "$(cat "$dir/prometheus.pid")" 2>/dev/null && tr '\0' ' ' <"/proc/$(cat "$dir/prometheus.pid")/cmdline" | grep -qF -- "$dir/prometheus.yml"; }

# History is imported into the TSDB before Prometheus opens it: blocks added to a running server are
# picked up only at its next compaction. A different backfill file therefore means a restart.
wanted=none
[ -z "${PROMETHEUS_BACKFILL:-}" ] || wanted=$(sha256sum "$PROMETHEUS_BACKFILL" | cut -c1-16)
have=$(cat "$dir/backfill.sha" 2>/dev/null || echo none)
if ours && ready && { [ "$wanted" = none ] || [ "$wanted" = "$have" ]; }; then
  echo "PROMETHEUS_URL=http://127.0.0.1:$port"
  exit 0
fi
ours && bash "$(dirname "$0")/prometheus-stop.sh" "$dir"
if ready; then echo "[prometheus] port $port answers but is not this data folder's Prometheus; set PROMETHEUS_PORT" >&2; exit 1; fi

if [ "$wanted" != none ] && [ "$wanted" != "$have" ]; then
  rm -rf "$dir/tsdb"
  mkdir -p "$dir/tsdb"
  promtool tsdb create-blocks-from openmetrics "$PROMETHEUS_BACKFILL" "$dir/tsdb" >"$dir/backfill.log" 2>&1 || { echo "[prometheus] backfill failed: see $dir/backfill.log" >&2; exit 1; }
  echo "$wanted" >"$dir/backfill.sha"
fi
mkdir -p "$dir/tsdb"
printf 'global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\nscrape_configs: []\n' >"$dir/prometheus.yml"

# Retention far beyond the backfilled history, which lies at fixed past times.
nohup prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/tsdb" --storage.tsdb.retention.time=10y \
  --web.listen-address="127.0.0.1:$port" --query.lookback-delta=5m </dev/null >"$dir/prometheus.log" 2>&1 &
echo $! >"$dir/prometheus.pid"
for _ in $(seq 1 300); do
  ready && break
  kill -0 "$(cat "$dir/prometheus.pid")" 2>/dev/null || { echo "[prometheus] exited at start: see $dir/prometheus.log" >&2; exit 1; }
  sleep 0.1
done
ready || { echo "[prometheus] not ready within 30 s: see $dir/prometheus.log" >&2; exit 1; }
echo "PROMETHEUS_URL=http://127.0.0.1:$port"
